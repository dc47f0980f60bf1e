"""Date and number formats by locale (FORMAT_MODULE_PATH), read by Django's named
formats (DATE_FORMAT, SHORT_DATE_FORMAT, …) before its own.

``en`` is day-first, as most of the world writes English dates; ``en_US`` is
month-first and is what a U.S. city's pages and PDFs use (the middleware activates
"en-us" for them); ``es`` is Spanish, which "es-us" and "es-mx" fall back to.
"""
