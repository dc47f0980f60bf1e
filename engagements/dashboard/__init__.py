"""The mayor's-office dashboard (under /dashboard/): stored figures shaped for the
page (``figures``, ``city``), the site admins' cross-city view (``cross_city``),
the CSV and PDF exports (``export``, ``pdf``) and the pages (``views``, ``urls``)."""
