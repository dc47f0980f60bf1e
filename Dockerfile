# Diplomacy Desk in a container: the same steps as `make serve` (bin/start), one
# process kind per container from the one image:
#   docker run IMAGE bin/start release   # once per deploy: migrate the database
#   docker run IMAGE                     # web: gunicorn on port 8000 (bin/start web)
#   docker run IMAGE bin/start worker    # Celery worker(s)
#   docker run IMAGE bin/start beat      # exactly one Celery beat
# Settings come from the environment (README "Deploying"): SECRET_KEY, ALLOWED_HOSTS,
# DATABASE_URL, CELERY_BROKER_URL, CACHE_URL, TRUSTED_PROXY_COUNT, FORWARDED_ALLOW_IPS.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=diplomacy.settings.production \
    STATIC_ROOT=/app/staticfiles

# WeasyPrint (the PDF reports) draws text with Pango.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .

# The static files are part of the image, collected once with their manifest; the
# key here only lets the production settings load for this step and is never used.
RUN SECRET_KEY=build-only-collectstatic-key-not-used-at-run-time-0123456789 \
    ALLOWED_HOSTS=build CACHE_URL=locmemcache:// \
    python manage.py collectstatic --noinput --verbosity 0
ENV STATIC_COLLECTED=1

RUN useradd --system --uid 10001 --home-dir /app desk
# Large exports' files (MEDIA_ROOT): mount one volume here in the web and worker containers.
RUN mkdir -p /app/media && chown desk /app/media
USER desk
EXPOSE 8000
# Probes for the web containers: /healthz/live (restart if it fails) and /healthz/ready
# (send traffic only while the database, broker and cache answer), over plain HTTP.
CMD ["bin/start", "web"]
