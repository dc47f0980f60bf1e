"""Demo data: seventeen U.S. cities' international work, for trying the app.

Sits above both apps: it writes cities' and engagements' records, through
their services, and neither app knows it exists.
"""
