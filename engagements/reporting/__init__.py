"""A city's stored reports: computed in SQL (``compute``), refreshed after edits
(``refresh``) and read by the dashboards (``read``)."""
