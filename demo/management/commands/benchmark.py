"""Measure the app at the size of a large installation (docs/performance.md).

    make bench                                     # 1,000,000 engagements, 17 cities
    python manage.py benchmark --engagements 20000 --cities 3 --years 3   # a smoke run

Builds (or reuses) a synthetic installation in the database it is given, with
set-based SQL; serves it with gunicorn and production settings; measures the
floors (a bare view, one row by primary key, raw COUNT and GROUP BY) and every
page in the same run; prints one table. PostgreSQL only, and a database of its
own: it replaces every engagement and partner in it.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import secrets
import shutil
import statistics
import tempfile
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from cities.pagination import encode_cursor
from cities.services import api_token_issue
from demo.benchmark import dataset
from demo.benchmark.load import (
    Answer,
    celery_worker,
    database_url,
    get,
    gunicorn,
    measure,
    server_env,
)
from engagements.choices import ImportKind
from engagements.imports.jobs import (
    import_job_commit,
    import_job_confirm,
    import_job_create,
    import_job_preview,
)
from engagements.models import Engagement
from engagements.periods import periods_containing
from engagements.reporting.refresh import report_refresh_record
from engagements.tasks import refresh_city_reports


class DatabaseTime:
    """Sums the time the database spends on the queries run inside it (execute_wrapper)."""

    def __init__(self):
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def timed(fn, repeat=5) -> float:
    """Median wall time of ``fn`` in ms (a first call warms the caches)."""
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def raw_ms(sql: str, params=None, repeat=5) -> float:
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return timed(run, repeat)


# The figures of every report, by month, in the fewest GROUP BYs PostgreSQL can run:
# the floor a full rebuild is compared with.
RAW_FIGURES = [
    """SELECT city_id, date_trunc('month', start_date) AS month, kind, status, count(*),
              sum(investment_usd), sum(jobs_announced)
       FROM engagements_engagement GROUP BY 1, 2, 3, 4""",
    """SELECT e.city_id, date_trunc('year', e.start_date), count(DISTINCT p.country),
              count(DISTINCT p.id)
       FROM engagements_engagement e
       JOIN engagements_engagement_partners ep ON ep.engagement_id = e.id
       JOIN cities_partner p ON p.id = ep.partner_id
       GROUP BY 1, 2""",
]


class Command(BaseCommand):
    help = "Build a synthetic installation and measure every page against floors of the same run."

    def add_arguments(self, parser):
        parser.add_argument("--engagements", type=int, default=1_000_000)
        parser.add_argument("--cities", type=int, default=17, choices=range(1, 18))
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--partners", type=int, default=20_000)
        parser.add_argument("--requests", type=int, default=20, help="per page, at 1 connection")
        parser.add_argument("--seconds", type=float, default=5, help="per page, under load")
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--import-rows", type=int, default=10_000)
        parser.add_argument("--export-rows", type=int, default=500_000)
        parser.add_argument(
            "--export-stream-max",
            type=int,
            help="the server's EXPORT_STREAM_MAX_ROWS (default: its setting, 50,000)",
        )
        parser.add_argument("--skip-rebuild", action="store_true")
        parser.add_argument(
            "--seed-only", action="store_true", help="build the data, measure nothing"
        )
        parser.add_argument("--reseed", action="store_true", help="even if the size matches")
        parser.add_argument("--markdown", help="also write the table to this file")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…")
        self.options = options
        self.rows: list[tuple] = []
        self.say(f"database {database_url().rsplit('@', 1)[-1]}; load {os.getloadavg()}")
        found = dataset.installation(options["cities"])
        if dataset.foreign_engagements(found):
            raise CommandError(
                "This database holds other cities' engagements; the benchmark replaces every"
                " engagement in it. Give it a database of its own (createdb diplomacy_bench)."
            )
        today = timezone.localdate()
        if options["reseed"] or dataset.seeded_count(found) != options["engagements"]:
            seconds = dataset.seed(
                found,
                engagements=options["engagements"],
                partners=options["partners"],
                years=options["years"],
                today=today,
            )
            self.say(f"seeded {options['engagements']:,} engagements in {seconds:.1f} s")
        else:
            forgotten = dataset.imports_forget(found)
            self.say(
                f"reusing {options['engagements']:,} seeded engagements"
                f" ({forgotten:,} added by earlier runs' imports deleted)"
            )
        dataset.analyze()
        city = found.largest
        self.say(f"{city.city.name}: {Engagement.objects.for_city(city).count():,} engagements")
        if options["seed_only"]:
            return

        self.floors_in_database(city)
        if not options["skip_rebuild"]:
            self.reports(city, today)
        self.refresh_after_one_edit(city)
        self.pages(found, city)
        self.import_file(found, city)
        # The next run measures the installation as seeded.
        dataset.imports_forget(found)
        self.table()

    def say(self, text):
        self.stdout.write(text)
        self.stdout.flush()

    def row(self, what, value, floor="", ratio="", target="", queries=""):
        self.rows.append((what, value, floor, ratio, target, queries))
        self.say(f"  {what}: {value} {ratio}")

    # --- the database alone -------------------------------------------------------

    def floors_in_database(self, city):
        count_ms = raw_ms(
            "SELECT count(*) FROM engagements_engagement WHERE city_id = %s", [city.pk]
        )
        self.row("raw COUNT of one city (database)", f"{count_ms:.1f} ms")
        self.bare_group_by_ms = raw_ms(RAW_FIGURES[0], repeat=3)
        self.row(
            "raw GROUP BY: counts and sums by city and month", f"{self.bare_group_by_ms:.0f} ms"
        )
        self.group_by_ms = self.bare_group_by_ms + sum(
            raw_ms(sql, repeat=3) for sql in RAW_FIGURES[1:]
        )
        self.row(
            "raw GROUP BYs: the above, plus distinct partners and countries by year",
            f"{self.group_by_ms:.0f} ms",
        )

    def reports(self, city, today):
        wrapper = DatabaseTime()
        started = time.perf_counter()
        with connection.execute_wrapper(wrapper):
            call_command("rebuild_reports", no_progress=True, stdout=io.StringIO())
        seconds = time.perf_counter() - started
        self.row(
            "full rebuild_reports",
            f"{seconds:.1f} s",
            "raw GROUP BYs",
            f"{seconds * 1000 / self.bare_group_by_ms:.0f}x the counts and sums,"
            f" {seconds * 1000 / self.group_by_ms:.1f}x with the distinct counts",
            "≤ 10x",
            wrapper.queries,
        )

    def refresh_after_one_edit(self, city, depths=(0, 1_000, 5_000, 20_000, 50_000)):
        """What the worker runs after an edit (its month, quarter and year), for edits of
        engagements at several depths of the city's history: the median database time,
        and the slowest."""
        listing = Engagement.objects.for_city(city).order_by("-start_date", "-pk")
        total = listing.count()
        edited = [listing[depth] for depth in depths if depth < total]
        runs = []
        for engagement in edited:
            # The edit, as a page saves it: the row, and its refreshes recorded.
            periods = periods_containing(engagement.start_date)
            with transaction.atomic():
                Engagement.objects.filter(pk=engagement.pk).update(
                    title=f"{engagement.title} (edited)"
                )
                report_refresh_record(city_id=city.pk, periods=periods)
            wrapper = DatabaseTime()
            started = time.perf_counter()
            with connection.execute_wrapper(wrapper):
                # The one job the worker runs for the edit.
                refresh_city_reports(city.pk, [[kind, day.isoformat()] for kind, day in periods])
            runs.append(
                (wrapper.seconds * 1000, (time.perf_counter() - started) * 1000, wrapper.queries)
            )
        database = statistics.median(run[0] for run in runs)
        wall = statistics.median(run[1] for run in runs)
        slowest = max(run[0] for run in runs)
        self.row(
            f"refresh after one edit (month, quarter, year), median of {len(runs)} edits",
            f"{database:.0f} ms database ({wall:.0f} ms wall; slowest {slowest:.0f} ms database)",
            "",
            "",
            "≤ 100 ms database",
            runs[0][2],
        )

    # --- pages behind gunicorn ---------------------------------------------------

    def signed_in(self, user, path) -> dict:
        """The headers of ``user``'s requests: a session, or the API's token."""
        if path.startswith("/api/"):
            return {"Authorization": f"Token {api_token_issue(user=user).key}"}
        client = Client()
        client.force_login(user)
        return {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}

    def queries(self, user, path, headers: dict) -> int:
        """The queries of one request for ``path`` as ``user``, in this process (signed
        in here; the API's token, from ``headers``, is the server's too)."""
        token = {"Authorization": headers["Authorization"]} if "Authorization" in headers else {}
        client = Client(HTTP_HOST="127.0.0.1", headers=token)
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        return len(captured)

    def pages(self, found, city):
        options = self.options
        editor, admin = found.editors[city.pk], found.site_admin
        listing = Engagement.objects.for_city(city).order_by("-start_date", "-pk")
        depth = max(min(50_000, listing.count() - 60), 0)
        boundary = listing.values_list("start_date", "pk")[depth]
        detail = Engagement.objects.for_city(city).filter(delegation__isnull=False).first()
        country = (
            Engagement.partners.through.objects.filter(engagement__city=city)
            .values_list("partner__country", flat=True)
            .first()
        )
        pages = [
            ("floor: bare view", editor, "/bench/hello", None),
            (
                "floor: one engagement by primary key",
                editor,
                f"/bench/engagement/{detail.pk}",
                None,
            ),
            ("engagement detail page", editor, f"/engagements/{detail.pk}/", "pk"),
            ("engagement list, page 1", editor, "/engagements/", "pk"),
            ("list filtered by kind", editor, "/engagements/?kind=meeting", "pk"),
            (
                "list filtered by partner country",
                editor,
                f"/engagements/?partner_country={country}",
                "pk",
            ),
            (
                f"list, cursor page after row {depth:,}",
                editor,
                f"/engagements/?after={encode_cursor(list(boundary))}",
                "pk",
            ),
            ("list searching a common word", editor, "/engagements/?q=climate", "list"),
            ("one-city dashboard", editor, "/dashboard/", "pk"),
            ("API engagement list", editor, "/api/v1/engagements/", "pk"),
            ("our list as a site admin (all cities)", admin, "/engagements/", "admin"),
            ("Django admin changelist, same data", admin, "/admin/engagements/engagement/", None),
        ]
        # The server signs sessions with its own key: sign ours with the same one.
        key = secrets.token_urlsafe(60)
        with override_settings(SECRET_KEY=key):
            headers = {name: self.signed_in(user, path) for name, user, path, _ in pages}
            export_headers = self.signed_in(admin, "/export/")
        results = {}
        # The server and its worker share a queue no other worker reads, and a
        # directory for the export jobs' files, removed afterwards.
        media = tempfile.mkdtemp(prefix="diplomacy-bench-media-")
        extra = {"CELERY_TASK_DEFAULT_QUEUE": f"bench-{secrets.token_hex(6)}", "MEDIA_ROOT": media}
        if options["export_stream_max"] is not None:
            extra["EXPORT_STREAM_MAX_ROWS"] = str(options["export_stream_max"])
        env = server_env(broker_url=self.broker_url(), secret_key=key, **extra)
        try:
            with gunicorn(env=env) as port:
                self.say(f"gunicorn on port {port}, 2 sync workers, production settings")
                for name, _user, path, _ in pages:
                    results[name] = measure(
                        port,
                        path,
                        headers[name],
                        requests=options["requests"],
                        seconds=options["seconds"],
                        concurrency=options["concurrency"],
                    )
                    self.say(f"  {name}: {results[name]} ({time.strftime('%X')})")
                # Started only now, so no page above shares the CPUs with it.
                with celery_worker(env=env):
                    self.export(port, export_headers)
        finally:
            shutil.rmtree(media, ignore_errors=True)
        pk_floor = results["floor: one engagement by primary key"]
        for name, user, path, compare in pages:
            result = results[name]
            value = f"{result.p50_ms:.1f} ms, {result.throughput:.0f} req/s"
            if result.status != 200:
                value += f" (answered {result.status})"
            if result.failures:
                value += f" ({result.failures} failed)"
            queries = "" if path.startswith("/bench/") else self.queries(user, path, headers[name])
            if compare == "pk":
                ratio = min(pk_floor.p50_ms / result.p50_ms, 99)
                through = result.throughput / pk_floor.throughput
                target = (
                    "≥ 0.25x throughput"
                    if "detail" in name
                    else ("≥ 0.2x" if "dashboard" in name else "≥ 0.1x")
                )
                self.row(
                    name,
                    value,
                    "PK view",
                    f"{ratio:.2f}x p50, {through:.2f}x req/s",
                    target,
                    queries,
                )
            elif compare == "list":
                base = results["engagement list, page 1"]
                self.row(
                    name,
                    value,
                    "list page 1",
                    f"{result.p50_ms / base.p50_ms:.1f}x p50",
                    "≤ 10x",
                    queries,
                )
            elif compare == "admin":
                changelist = results["Django admin changelist, same data"]
                faster = changelist.p50_ms / result.p50_ms
                self.row(name, value, "admin changelist", f"{faster:.1f}x faster", "≥ 5x", queries)
            else:
                self.row(name, value, "", "", "", queries)

    def broker_url(self) -> str:
        from django.conf import settings

        url = os.environ.get("CELERY_BROKER_URL") or settings.CELERY_BROKER_URL
        if not url.startswith("redis://"):
            raise CommandError("Production settings need Redis: set CELERY_BROKER_URL=redis://…")
        return url

    def export(self, port, headers):
        """A large CSV export through gunicorn, with its default 30 s timeout: whole or cut?

        Past the server's EXPORT_STREAM_MAX_ROWS the export is a job: the request
        answers 303 to the job's page, which is polled (as htmx does) until the
        worker has written the file, then the file is downloaded. Timed from the
        request to the last byte of the file.
        """
        ordered = Engagement.objects.order_by("-start_date").values_list("start_date", flat=True)
        total = ordered.count()
        wanted = min(self.options["export_rows"], total)
        since = ordered[wanted - 1] if wanted else timezone.localdate()
        expected = Engagement.objects.filter(start_date__gte=since).count()
        started = time.perf_counter()
        answer = get(port, f"/export/engagements.csv?start_after={since}", headers, keep_body=True)
        how = "streamed"
        if answer.status == 303:
            how = "job"
            answer = self.export_job(port, headers, answer.location)
        seconds = time.perf_counter() - started
        text = answer.body.decode("utf-8-sig", errors="replace")
        received = sum(1 for _ in csv.reader(io.StringIO(text))) - 1 if answer.body else 0
        whole = (
            "whole"
            if received == expected and not answer.cut
            else f"CUT at {received:,} of {expected:,}"
        )
        self.row(
            f"CSV export of {expected:,} rows (site admin)",
            f"{seconds:.1f} s, {received / seconds:,.0f} rows/s, {answer.size / 1e6:.0f} MB",
            "",
            f"{whole}, {how} (HTTP {answer.status})",
            "completes whole",
        )

    def export_job(self, port, headers, location: str):
        """Poll an export job's page until its file is ready, then download the file."""
        poll = {**headers, "HX-Request": "true"}
        deadline = time.monotonic() + 3600
        while time.monotonic() < deadline:
            page = get(port, location, poll, keep_body=True)
            body = page.body.decode()
            download = re.search(r'href="([^"]+/download/)"', body)
            if page.status != 200 or download or "error-summary" in body:
                break
            time.sleep(1)
        else:
            raise CommandError(f"the export job at {location} did not finish within an hour")
        if not download:
            self.say(f"  export job failed (HTTP {page.status}): {body[:500]}")
            return Answer(page.status, 0)
        return get(port, download.group(1), headers, keep_body=True)

    # --- imports -----------------------------------------------------------------

    def import_file(self, found, city):
        rows = self.options["import_rows"]
        if not rows:
            return
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "import_key",
                "title",
                "kind",
                "status",
                "start_date",
                "location",
                "summary",
                "partner_name",
                "partner_country",
                "partner_kind",
                "topics",
            ]
        )
        stamp = int(time.time())
        for n in range(rows):
            writer.writerow(
                [
                    f"bench-{stamp}-{n}",
                    f"Imported meeting {n} on trade",
                    "meeting",
                    "completed",
                    (datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 700)).isoformat(),
                    "City Hall",
                    "Imported by the benchmark",
                    f"Imported partner {n % 500}",
                    dataset.COUNTRIES[n % len(dataset.COUNTRIES)],
                    "business",
                    "trade",
                ]
            )
        data = out.getvalue().encode()
        editor = found.editors[city.pk]
        job = import_job_create(
            city=city,
            user=editor,
            kind=ImportKind.ENGAGEMENTS,
            filename="bench.csv",
            file_format="csv",
            data=data,
            total_rows=rows,
        )
        started = time.perf_counter()
        import_job_preview(job=job)
        preview = time.perf_counter() - started
        if not import_job_confirm(job=job):
            job.refresh_from_db()
            raise CommandError(f"the benchmark's import did not preview cleanly: {job.summary}")
        job.refresh_from_db()
        started = time.perf_counter()
        import_job_commit(job=job)
        commit = time.perf_counter() - started
        self.row(
            f"import of {rows:,} rows (preview + commit)",
            f"preview {preview:.1f} s, commit {commit:.1f} s",
            "",
            f"{rows / (preview + commit):,.0f} rows/s end to end",
            "≥ 2,000 rows/s",
        )

    def table(self):
        lines = [
            "| what | measured | floor | ratio | target | queries |",
            "|---|---|---|---|---|---|",
            *("| " + " | ".join(str(cell) for cell in row) + " |" for row in self.rows),
            "",
            f"Load average after the run: {', '.join(f'{x:.2f}' for x in os.getloadavg())}.",
        ]
        text = "\n".join(lines)
        self.say("\n" + text)
        if self.options["markdown"]:
            with open(self.options["markdown"], "w") as handle:
                handle.write(text + "\n")
