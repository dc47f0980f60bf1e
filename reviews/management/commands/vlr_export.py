"""``manage.py vlr_export <city> <year>``: a city's review draft as PDF and Word files.

For offices that assemble the review outside the browser, and for the README's
screenshots (``--png`` renders the PDF's pages with pdftoppm).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cities.models import ParticipatingCity
from reviews.documents import filename, vlr_docx, vlr_pdf
from reviews.selectors import vlr_draft


class Command(BaseCommand):
    help = "Write a city's Voluntary Local Review draft of a year as PDF and .docx."

    def add_arguments(self, parser):
        parser.add_argument("city", help="the participating city's slug, e.g. los-angeles")
        parser.add_argument("year", type=int)
        parser.add_argument("--out", default=".", help="the directory to write to")
        parser.add_argument(
            "--png", type=int, default=0, metavar="PAGES", help="also render the first PAGES as PNG"
        )

    def handle(self, *args, city, year, out, png, **options):
        participating = ParticipatingCity.objects.select_related("city").filter(slug=city).first()
        if participating is None:
            raise CommandError(f"No participating city has the slug {city!r}.")
        directory = Path(out)
        directory.mkdir(parents=True, exist_ok=True)
        draft = vlr_draft(city=participating, year=year)
        pdf = directory / filename(draft, "pdf")
        pdf.write_bytes(vlr_pdf(draft, base_url="http://localhost/"))
        docx = directory / filename(draft, "docx")
        docx.write_bytes(vlr_docx(draft))
        self.stdout.write(f"Wrote {pdf} and {docx}")
        if png:
            pdftoppm = shutil.which("pdftoppm")
            if pdftoppm is None:
                raise CommandError("--png needs pdftoppm (poppler-utils).")
            prefix = directory / pdf.stem
            subprocess.run(
                [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", str(png), str(pdf), str(prefix)],
                check=True,
            )
            for page in range(1, png + 1):
                # pdftoppm pads page numbers by the document's page count; name them plainly.
                made = sorted(directory.glob(f"{pdf.stem}-*{page}.png"))
                if made:
                    made[0].rename(directory / f"{pdf.stem}-p{page}.png")
            self.stdout.write(f"Rendered {png} page(s) to {prefix}-p1.png…")
