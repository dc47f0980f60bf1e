"""Spreadsheet imports of engagements and partners (django-import-export).

Columns map by header name (``Start date`` and ``start_date`` are the same
column). Every import is first previewed: the whole file runs in a
transaction that is rolled back (``dry_run``), and every row's outcome (new,
updated, skipped, error with the reason) is kept on the ``ImportJob``. The
real import then runs in one transaction that is rolled back as a whole if
any row fails, so it is all or nothing.

An engagement row is recognised by its ``import_key`` column, or, when that
is blank, by a key derived from its title, kind and start date; the key is
stored with the engagement, so importing the same file again changes nothing.
Partners are matched by name and country within the importing city, and
created for it when missing.

The modules, from the file to the page:

- ``reading``: reading a CSV or XLSX file into rows, header names, cell widgets;
- ``resources``: the columns of each import, scoped to one city and one user;
- ``writes``: saving one row through the services every other door uses;
- ``jobs``: creating, previewing and committing an import job, and its rows' outcomes;
- ``tasks``: the Celery task that runs a large file's job, and running or queuing a job;
- ``forms``: the upload form;
- ``views``: the pages (upload, template download, job, progress, confirm).
"""
