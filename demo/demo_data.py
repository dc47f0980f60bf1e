"""What the demo installation holds: real U.S. cities and real sister-city ties,
with the partners, engagements, delegations and commitments of a busy
international office.

Cities, sister-city ties and networks are real; tie years are approximate
(stored as 1 January) and left blank where unsure. Network memberships, their
years and the consulates listed per city are plausible, not checked one by
one. Mayors are placeholders ("Mayor of Seattle"), since offices change hands.
Companies are fictional, so no invented investment is pinned on a real firm;
ministries, consulates, international organisations and universities are real
institutions in invented engagements. People are invented. ``seed_demo``
reads this module and draws the rest with a seeded random generator.
"""

from __future__ import annotations

from typing import NamedTuple

from cities.choices import CommitmentFramework, NetworkRole, TieKind

DEMO_SEED = 2026
HISTORY_DAYS = 3 * 365  # engagements reach back three years…
PLANNING_DAYS = 90  # …and forward into the next quarter's calendar


class Tie(NamedTuple):
    """A sister-city tie; ``year`` None where the founding year is uncertain."""

    city: str
    country: str
    year: int | None = None
    kind: str = TieKind.SISTER_CITY
    focus: str = ""


class DemoCity(NamedTuple):
    """A participating city: its GeoNames name and state, office, ties and networks."""

    name: str
    state: str
    slug: str
    office_name: str
    phone: str
    ties: tuple[Tie, ...]
    consulates: tuple[str, ...]  # countries with a consulate (an embassy in Washington)
    networks: tuple[tuple[str, int, str], ...]  # (network acronym, member since, role)
    known_as: str = ""  # how people name it, where GeoNames' name is ambiguous

    @property
    def display_name(self) -> str:
        return self.known_as or self.name


M = NetworkRole.MEMBER
FOUNDING = NetworkRole.FOUNDING_MEMBER
STEERING = NetworkRole.STEERING_COMMITTEE
PARTNERSHIP = TieKind.PARTNERSHIP
FRIENDSHIP = TieKind.FRIENDSHIP_CITY

CITIES: tuple[DemoCity, ...] = (
    DemoCity(
        "Los Angeles",
        "CA",
        "los-angeles",
        "Mayor's Office of International Affairs",
        "+1 213 555 0142",
        (
            Tie("Nagoya", "JP", 1959, focus="port, aerospace, youth exchange"),
            Tie("Guangzhou", "CN", 1981, focus="trade, ports"),
            Tie("Berlin", "DE", 1967, focus="culture, film, climate"),
            Tie("Mexico City", "MX", 1969, focus="migration, culture, transit"),
            Tie("Busan", "KR", 1971, focus="ports, tourism"),
            Tie("Auckland", "NZ", 1971),
            Tie("Bordeaux", "FR", 1964, focus="wine, culture"),
            Tie("Eilat", "IL", 1959),
            Tie("Athens", "GR", 1984),
            Tie("Taipei", "TW", 1979),
            Tie("Vancouver", "CA", 1986),
            Tie("Mumbai", "IN", 1985),
            Tie("Giza", "EG", 1989),
            Tie("Jakarta", "ID", 1990),
            Tie("Kaunas", "LT", 1991),
            Tie("Split", "HR", 1991),
            Tie("Lusaka", "ZM", 1968),
            Tie("Makati City", "PH", 1992),
            Tie("San Salvador", "SV", 2005),
            Tie("Yerevan", "AM", 2007),
        ),
        ("JP", "KR", "MX", "CN", "DE", "GB", "FR", "PH", "CA", "IL", "AU", "IN", "SV"),
        (
            ("C40", 2006, M),
            ("Climate Mayors", 2014, FOUNDING),
            ("GCoM", 2016, M),
            ("R-Cities", 2014, M),
            ("MMC", 2018, STEERING),
            ("SCN", 2015, M),
        ),
    ),
    DemoCity(
        "New York City",
        "NY",
        "new-york-city",
        "Mayor's Office for International Affairs",
        "+1 212 555 0118",
        (
            Tie("Tokyo", "JP", 1960, focus="finance, culture, resilience"),
            Tie("Beijing", "CN", 1980),
            Tie("London", "GB", 2001, PARTNERSHIP, "finance, security, culture"),
            Tie("Rome", "IT", 1992),
            Tie("Madrid", "ES", 1982),
            Tie("Jerusalem", "IL", 1993),
            Tie("Cairo", "EG", 1982),
            Tie("Budapest", "HU", 1992),
            Tie("Johannesburg", "ZA", 2006),
            Tie("Santo Domingo", "DO", 2006, focus="diaspora, culture"),
        ),
        ("JP", "KR", "MX", "DE", "GB", "FR", "IN", "BR", "IT", "IE", "NG", "CN", "DO"),
        (
            ("C40", 2006, M),
            ("Climate Mayors", 2014, M),
            ("GCoM", 2016, M),
            ("R-Cities", 2013, M),
            ("SCN", 2015, STEERING),
            ("MMC", 2018, M),
            ("UCLG", 2012, M),
        ),
    ),
    DemoCity(
        "Seattle",
        "WA",
        "seattle",
        "Office of Intergovernmental Relations, International Affairs",
        "+1 206 555 0163",
        (
            Tie("Kobe", "JP", 1957, focus="ports, earthquake preparedness"),
            Tie("Chongqing", "CN", 1983),
            Tie("Galway", "IE", 1986, focus="culture, education"),
            Tie("Bergen", "NO", 1967, focus="maritime, climate"),
            Tie("Christchurch", "NZ", 1981, focus="resilience"),
            Tie("Mazatlán", "MX", 1979),
            Tie("Nantes", "FR", 1980),
            Tie("Reykjavík", "IS", 1986),
            Tie("Daejeon", "KR", 1989),
            Tie("Beersheba", "IL", 1977),
            Tie("Tashkent", "UZ", 1973),
            Tie("Cebu City", "PH", 1991),
            Tie("Surabaya", "ID", 1992),
            Tie("Gdynia", "PL", 1993),
            Tie("Haiphong", "VN", 1996),
            Tie("Perugia", "IT"),
        ),
        ("JP", "KR", "MX", "CA"),
        (
            ("C40", 2008, M),
            ("Climate Mayors", 2014, M),
            ("GCoM", 2016, M),
            ("ICLEI", 1994, M),
            ("SCN", 2016, M),
        ),
    ),
    DemoCity(
        "Atlanta",
        "GA",
        "atlanta",
        "Mayor's Office of International and Immigrant Affairs",
        "+1 404 555 0127",
        (
            Tie("Rio de Janeiro", "BR", 1972, focus="culture, sport"),
            Tie("Nuremberg", "DE", 1998, focus="trade, human rights"),
            Tie("Toulouse", "FR", 1974, focus="aerospace"),
            Tie("Lagos", "NG", 1974, focus="trade, diaspora"),
            Tie("Montego Bay", "JM", 1972),
            Tie("Newcastle upon Tyne", "GB", 1977),
            Tie("Tbilisi", "GE", 1988),
            Tie("Daegu", "KR", 1981),
            Tie("Taipei", "TW", 1979),
            Tie("Fukuoka", "JP", 2005),
        ),
        ("JP", "KR", "MX", "DE", "GB", "CA", "IL", "NG", "BR", "FR"),
        (
            ("Climate Mayors", 2014, M),
            ("GCoM", 2016, M),
            ("R-Cities", 2016, M),
            ("MMC", 2019, M),
            ("ICLEI", 2009, M),
        ),
    ),
    DemoCity(
        "Chicago",
        "IL",
        "chicago",
        "Office of International Relations",
        "+1 312 555 0190",
        (
            Tie("Osaka", "JP", 1973),
            Tie("Milan", "IT", 1973, focus="design, fashion"),
            Tie("Warsaw", "PL", 1960, focus="diaspora, culture"),
            Tie("Shenyang", "CN", 1985),
            Tie("Toronto", "CA", 1991),
            Tie("Mexico City", "MX", 1991),
            Tie("Hamburg", "DE", 1994, focus="ports, logistics"),
            Tie("Paris", "FR", 1996),
            Tie("Casablanca", "MA", 1982),
            Tie("Gothenburg", "SE", 1987),
            Tie("Accra", "GH", 1989),
            Tie("Prague", "CZ", 1990),
            Tie("Kyiv", "UA", 1991),
            Tie("Galway", "IE", 1997),
            Tie("Durban", "ZA", 1997),
            Tie("Delhi", "IN", 2001),
            Tie("Vilnius", "LT", 2001),
            Tie("Busan", "KR", 2007),
            Tie("Lahore", "PK", 2007),
        ),
        ("JP", "KR", "MX", "DE", "GB", "CA", "PL", "IE", "IN", "CN", "IT", "FR"),
        (
            ("C40", 2006, M),
            ("Climate Mayors", 2014, M),
            ("GCoM", 2016, M),
            ("R-Cities", 2014, M),
            ("MMC", 2019, M),
        ),
    ),
    DemoCity(
        "Houston",
        "TX",
        "houston",
        "Mayor's Office of Trade and International Affairs",
        "+1 713 555 0155",
        (
            Tie("Chiba", "JP", 1972, focus="ports, energy"),
            Tie("Stavanger", "NO", 1980, focus="offshore energy"),
            Tie("Aberdeen", "GB", 1979, focus="energy transition"),
            Tie("Perth", "AU", 1983, focus="energy, mining"),
            Tie("Nice", "FR", 1973),
            Tie("Taipei", "TW", 1961),
            Tie("Huelva", "ES", 1969),
            Tie("Baku", "AZ", 1976),
            Tie("Istanbul", "TR", 1986),
            Tie("Shenzhen", "CN", 1986),
            Tie("Guayaquil", "EC", 1987),
            Tie("Leipzig", "DE", 1993),
            Tie("Abu Dhabi", "AE", 2001),
            Tie("Luanda", "AO", 2003),
            Tie("Karachi", "PK", 2008),
        ),
        ("JP", "KR", "MX", "DE", "GB", "NG", "IN", "NO", "AR", "CO", "VN"),
        (
            ("C40", 2006, M),
            ("Climate Mayors", 2014, FOUNDING),
            ("GCoM", 2016, M),
            ("R-Cities", 2018, M),
        ),
    ),
    DemoCity(
        "San Francisco",
        "CA",
        "san-francisco",
        "Mayor's Office of Protocol and International Affairs",
        "+1 415 555 0171",
        (
            Tie("Osaka", "JP", 1957, focus="culture, trade"),
            Tie("Zurich", "CH", 2003, focus="finance, innovation"),
            Tie("Manila", "PH", 1961),
            Tie("Sydney", "AU", 1968),
            Tie("Assisi", "IT", 1969),
            Tie("Taipei", "TW", 1970),
            Tie("Haifa", "IL", 1973),
            Tie("Seoul", "KR", 1976),
            Tie("Shanghai", "CN", 1980),
            Tie("Cork", "IE", 1984),
            Tie("Ho Chi Minh City", "VN", 1995),
            Tie("Kraków", "PL", 2009),
        ),
        ("JP", "KR", "MX", "CN", "DE", "GB", "FR", "IE", "IN", "CA", "PH", "AU"),
        (
            ("C40", 2006, M),
            ("Climate Mayors", 2014, M),
            ("GCoM", 2016, M),
            ("R-Cities", 2013, M),
            ("ICLEI", 1995, M),
        ),
    ),
    DemoCity(
        "Boston",
        "MA",
        "boston",
        "Mayor's Office of International Relations",
        "+1 617 555 0134",
        (
            Tie("Kyoto", "JP", 1959, focus="culture, education"),
            Tie("Strasbourg", "FR", 1960),
            Tie("Barcelona", "ES", 1980, focus="urban design, innovation"),
            Tie("Hangzhou", "CN", 1982),
            Tie("Padua", "IT", 1983),
            Tie("Melbourne", "AU", 1985),
            Tie("Taipei", "TW", 1996),
            Tie("Sekondi-Takoradi", "GH", 2001),
            Tie("Belfast", "GB", 2014),
            Tie("Praia", "CV", 2015, focus="diaspora"),
        ),
        ("JP", "KR", "MX", "DE", "GB", "FR", "IE", "IT", "BR", "CA", "IL"),
        (
            ("C40", 2011, M),
            ("Climate Mayors", 2014, M),
            ("GCoM", 2016, M),
            ("R-Cities", 2014, M),
            ("MMC", 2019, M),
        ),
    ),
    DemoCity(
        "Denver",
        "CO",
        "denver",
        "Office of International Affairs",
        "+1 720 555 0181",
        (
            Tie("Takayama", "JP", 1960, focus="tourism, mountain communities"),
            Tie("Nairobi", "KE", 1975),
            Tie("Karmiel", "IL", 1977),
            Tie("Cuernavaca", "MX", 1983),
            Tie("Potenza", "IT", 1983),
            Tie("Chennai", "IN", 1984),
            Tie("Kunming", "CN", 1985),
            Tie("Axum", "ET", 1995),
            Tie("Ulaanbaatar", "MN", 2001),
        ),
        ("MX", "CA", "JP"),
        (("Climate Mayors", 2014, M), ("GCoM", 2016, M), ("ICLEI", 2007, M), ("SCN", 2017, M)),
    ),
    DemoCity(
        "Miami",
        "FL",
        "miami",
        "Office of International Affairs",
        "+1 305 555 0129",
        (
            Tie("Kagoshima", "JP", 1990),
            Tie("Qingdao", "CN", 2005),
            Tie("Lima", "PE"),
            Tie("Bogotá", "CO"),
            Tie("Buenos Aires", "AR"),
            Tie("Madrid", "ES"),
        ),
        ("MX", "CO", "BR", "AR", "DO", "PE", "JP", "DE", "GB", "FR", "CA", "HT", "ES"),
        (("C40", 2016, M), ("Climate Mayors", 2014, M), ("GCoM", 2016, M), ("R-Cities", 2016, M)),
    ),
    DemoCity(
        "Philadelphia",
        "PA",
        "philadelphia",
        "Office of Global Philadelphia",
        "+1 215 555 0147",
        (
            Tie("Florence", "IT", 1964, focus="culture, heritage"),
            Tie("Tel Aviv", "IL", 1966),
            Tie("Toruń", "PL", 1976),
            Tie("Tianjin", "CN", 1979),
            Tie("Incheon", "KR", 1984),
            Tie("Kobe", "JP", 1986),
            Tie("Douala", "CM", 1986),
            Tie("Frankfurt am Main", "DE", 2015, focus="finance, life sciences"),
        ),
        ("MX", "IT"),
        (("C40", 2006, M), ("Climate Mayors", 2014, FOUNDING), ("GCoM", 2016, M)),
    ),
    DemoCity(
        "Phoenix",
        "AZ",
        "phoenix",
        "Office of International Trade and Protocol",
        "+1 602 555 0112",
        (
            Tie("Hermosillo", "MX", 1975, focus="cross-border trade"),
            Tie("Himeji", "JP", 1976),
            Tie("Taipei", "TW", 1979),
            Tie("Chengdu", "CN", 1987),
            Tie("Ennis", "IE", 1988),
            Tie("Grenoble", "FR", 1990),
            Tie("Prague", "CZ", 1991),
            Tie("Calgary", "CA", 1997),
            Tie("Catania", "IT", 2001),
            Tie("Ramat Gan", "IL", 2001),
        ),
        ("MX",),
        (("C40", 2019, M), ("Climate Mayors", 2014, M), ("GCoM", 2016, M)),
    ),
    DemoCity(
        "San Diego",
        "CA",
        "san-diego",
        "Office of International Affairs",
        "+1 619 555 0158",
        (
            Tie("Yokohama", "JP", 1957, focus="ports, navy towns"),
            Tie("Edinburgh", "GB", 1977),
            Tie("Jeonju", "KR", 1983),
            Tie("Taichung", "TW", 1983),
            Tie("Yantai", "CN", 1985),
            Tie("Perth", "AU", 1987),
            Tie("Warsaw", "PL", 1996),
            Tie("León", "MX"),
        ),
        ("MX",),
        (("Climate Mayors", 2014, M), ("GCoM", 2016, M), ("ICLEI", 2002, M)),
    ),
    DemoCity(
        "Austin",
        "TX",
        "austin",
        "Economic Development Department, International Affairs",
        "+1 512 555 0175",
        (
            Tie("Adelaide", "AU", 1983, focus="music, technology"),
            Tie("Lima", "PE", 1981),
            Tie("Maseru", "LS"),
            Tie("Saltillo", "MX"),
            Tie("Ōita", "JP", 1990),
            Tie("Koblenz", "DE", 1992),
            Tie("Gwangmyeong", "KR", 1998),
            Tie("Angers", "FR", 2011),
        ),
        ("MX",),
        (("C40", 2016, M), ("Climate Mayors", 2014, M), ("GCoM", 2016, M)),
    ),
    DemoCity(
        "Portland",
        "OR",
        "portland",
        "Office of Government Relations, International Program",
        "+1 503 555 0166",
        (
            Tie("Sapporo", "JP", 1959, focus="culture, winter cities"),
            Tie("Guadalajara", "MX", 1983),
            Tie("Ashkelon", "IL", 1987),
            Tie("Ulsan", "KR", 1987),
            Tie("Kaohsiung", "TW", 1988),
            Tie("Suzhou", "CN", 1988),
            Tie("Mutare", "ZW", 1991),
            Tie("Bologna", "IT", 2003),
            Tie("Utrecht", "NL", 2012, focus="cycling, urban planning"),
        ),
        ("MX", "JP"),
        (("C40", 2011, M), ("Climate Mayors", 2014, M), ("GCoM", 2016, M), ("ICLEI", 1993, M)),
    ),
    DemoCity(
        "Minneapolis",
        "MN",
        "minneapolis",
        "Office of International Affairs",
        "+1 612 555 0139",
        (
            Tie("Santiago", "CL", 1961),
            Tie("Kuopio", "FI", 1972),
            Tie("Ibaraki", "JP", 1980),
            Tie("Tours", "FR", 1991),
            Tie("Harbin", "CN", 1992),
            Tie("Eldoret", "KE", 2000),
            Tie("Cuernavaca", "MX", 2008),
            Tie("Najaf", "IQ", 2009),
        ),
        ("MX", "CA"),
        (("Climate Mayors", 2014, M), ("GCoM", 2016, M), ("ICLEI", 2005, M), ("SCN", 2016, M)),
    ),
    DemoCity(
        "Washington",
        "DC",
        "washington-dc",
        "Office of the Secretary, Protocol and International Affairs",
        "+1 202 555 0121",
        (
            Tie("Beijing", "CN", 1984),
            Tie("Dakar", "SN", 1980),
            Tie("Bangkok", "TH", 2002),
            Tie("Paris", "FR", 2000, PARTNERSHIP, "culture, sustainability"),
            Tie("Athens", "GR", 2000),
            Tie("Pretoria", "ZA", 2002),
            Tie("Seoul", "KR", 2006),
            Tie("Accra", "GH", 2006),
            Tie("Sunderland", "GB", 2006),
            Tie("Rome", "IT", 2011),
            Tie("Ankara", "TR", 2011),
            Tie("Brussels", "BE"),
        ),
        ("JP", "KR", "MX", "DE", "GB", "FR", "IN", "BR", "CN", "NG", "ET", "SN", "TH", "GH"),
        (
            ("C40", 2006, M),
            ("Climate Mayors", 2014, M),
            ("GCoM", 2016, M),
            ("R-Cities", 2016, M),
            ("UCLG", 2015, M),
        ),
        known_as="Washington, D.C.",
    ),
)

# Sister cities become partner city governments up to this many per city.
TIE_PARTNERS_PER_CITY = 8

NETWORKS = (
    {
        "name": "C40 Cities Climate Leadership Group",
        "themes": ("zero-emission buses", "building energy efficiency", "air quality"),
        "acronym": "C40",
        "website": "https://www.c40.org",
        "focus": "Climate action in megacities",
        "description": "A network of nearly 100 mayors of the world's leading cities "
        "working to halve emissions by 2030.",
        "seat": ("London", "GB"),
    },
    {
        "name": "ICLEI – Local Governments for Sustainability",
        "themes": ("circular economy and waste", "urban forestry", "food waste reduction"),
        "acronym": "ICLEI",
        "website": "https://iclei.org",
        "focus": "Sustainable urban development",
        "description": "A global network of more than 2,500 local and regional "
        "governments committed to sustainable urban development.",
        "seat": ("Bonn", "DE"),
    },
    {
        "name": "United Cities and Local Governments",
        "themes": ("affordable housing", "women in city leadership"),
        "acronym": "UCLG",
        "website": "https://uclg.org",
        "focus": "Local government voice in the UN system",
        "description": "The world organisation of local and regional governments.",
        "seat": ("Barcelona", "ES"),
    },
    {
        "name": "Global Covenant of Mayors for Climate & Energy",
        "themes": ("building energy efficiency", "clean-energy investment"),
        "acronym": "GCoM",
        "website": "https://www.globalcovenantofmayors.org",
        "focus": "Climate and energy commitments and reporting",
        "description": "The largest alliance of cities and local governments "
        "committed to climate leadership.",
        "seat": ("Brussels", "BE"),
    },
    {
        "name": "Strong Cities Network",
        "themes": ("violence prevention", "community policing"),
        "acronym": "SCN",
        "website": "https://strongcitiesnetwork.org",
        "focus": "Preventing hate, polarisation and extremism",
        "description": "A global network of mayors and local practitioners "
        "preventing hate and extremism.",
        "seat": ("London", "GB"),
    },
    {
        "name": "Resilient Cities Network",
        "themes": ("extreme-heat resilience", "flood risk and coastal resilience"),
        "acronym": "R-Cities",
        "website": "https://resilientcitiesnetwork.org",
        "focus": "Urban resilience",
        "description": "The city-led successor of the 100 Resilient Cities programme.",
        "seat": None,
    },
    {
        "name": "Climate Mayors",
        "themes": ("clean-energy investment", "zero-emission buses"),
        "acronym": "",
        "website": "https://climatemayors.org",
        "focus": "U.S. mayors' climate commitments",
        "description": "A bipartisan network of U.S. mayors committed to climate action.",
        "seat": None,
    },
    {
        "name": "Mayors Migration Council",
        "themes": ("refugee and newcomer inclusion", "language access for residents"),
        "acronym": "MMC",
        "website": "https://mayorsmigrationcouncil.org",
        "focus": "Migration and displacement policy",
        "description": "A mayor-led organisation that helps cities shape migration "
        "and displacement policy.",
        "seat": None,
    },
)


class Theme(NamedTuple):
    """A subject of an engagement: its wording, topics and SDG targets."""

    phrase: str
    topics: tuple[str, ...]
    targets: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme("port decarbonisation", ("climate", "trade"), ("13.2", "9.4")),
    Theme("zero-emission buses", ("climate", "technology"), ("11.2", "11.6")),
    Theme("extreme-heat resilience", ("climate", "resilience", "health"), ("13.1", "11.5")),
    Theme("refugee and newcomer inclusion", ("migration",), ("10.7", "10.2")),
    Theme("affordable housing", ("other",), ("11.1",)),
    Theme("water reuse", ("resilience", "climate"), ("6.3", "6.4")),
    Theme("smart-city data platforms", ("technology",), ("9.c", "17.18")),
    Theme("student exchanges", ("education",), ("4.3", "4.7")),
    Theme("tourism promotion", ("tourism", "trade"), ("8.9",)),
    Theme("public-health preparedness", ("health",), ("3.d",)),
    Theme("community policing", ("public_safety",), ("16.1",)),
    Theme("earthquake preparedness", ("resilience", "public_safety"), ("11.5", "11.b")),
    Theme("arts and cultural exchange", ("culture",), ("11.4",)),
    Theme("clean-energy investment", ("trade", "climate"), ("7.2", "17.17")),
    Theme("circular economy and waste", ("climate",), ("11.6", "12.5")),
    Theme("urban forestry", ("climate", "resilience"), ("11.7", "15.1")),
    Theme("workforce development", ("trade", "education"), ("8.5", "4.4")),
    Theme("life sciences", ("trade", "health"), ("9.5",)),
    Theme("ports and logistics", ("trade",), ("9.1",)),
    Theme("air quality", ("health", "climate"), ("11.6", "3.9")),
    Theme("women in city leadership", ("other",), ("5.5",)),
    Theme("digital inclusion", ("technology", "education"), ("9.c", "4.4")),
    Theme("food waste reduction", ("climate", "health"), ("12.3",)),
    Theme("building energy efficiency", ("climate", "technology"), ("7.3", "13.2")),
    Theme("start-up ecosystems", ("trade", "technology"), ("8.3", "9.5")),
    Theme("road safety", ("public_safety", "health"), ("3.6", "11.2")),
    Theme("flood risk and coastal resilience", ("resilience", "climate"), ("13.1", "11.5")),
    Theme("language access for residents", ("migration",), ("10.2", "16.7")),
    Theme("violence prevention", ("public_safety",), ("16.1",)),
    Theme("major-event preparedness", ("public_safety", "tourism"), ("11.b",)),
    Theme("open government and anti-corruption", ("other",), ("16.5", "16.6")),
    Theme("emergency preparedness", ("public_safety", "resilience"), ("11.5", "11.b")),
    Theme("diplomatic protocol", ("other",), ("17.16",)),
)
# What a consular-corps briefing is about, when its title does not say.
CONSULAR_THEMES = (
    "emergency preparedness",
    "major-event preparedness",
    "public-health preparedness",
    "language access for residents",
    "refugee and newcomer inclusion",
    "community policing",
    "tourism promotion",
)

# Countries that take "the" in a sentence: "Trade mission to the Netherlands".
COUNTRIES_WITH_ARTICLE = {"GB", "NL", "PH", "AE", "DO", "US"}

# Countries named with an article or formally, in "Consulate General of …".
FORMAL_COUNTRY_NAMES = {
    "KR": "the Republic of Korea",
    "CN": "the People's Republic of China",
    "GB": "the United Kingdom",
    "NL": "the Netherlands",
    "PH": "the Philippines",
    "AE": "the United Arab Emirates",
    "DO": "the Dominican Republic",
    "US": "the United States",
}

NATIONAL_BODIES = {
    "JP": ("Japan External Trade Organization (JETRO)", "Ministry of Foreign Affairs of Japan"),
    "KR": ("Korea Trade-Investment Promotion Agency (KOTRA)", "Korea Foundation"),
    "CN": ("Chinese People's Association for Friendship with Foreign Countries",),
    "TW": ("Taiwan External Trade Development Council (TAITRA)",),
    "DE": ("Germany Trade & Invest (GTAI)", "Federal Foreign Office of Germany"),
    "GB": ("Department for Business and Trade", "Foreign, Commonwealth & Development Office"),
    "FR": ("Business France", "Ministry for Europe and Foreign Affairs of France"),
    "MX": ("Secretariat of Foreign Affairs of Mexico", "Secretariat of Economy of Mexico"),
    "CA": ("Global Affairs Canada",),
    "IE": ("IDA Ireland", "Enterprise Ireland"),
    "IL": ("Israel Innovation Authority",),
    "IT": ("Italian Trade Agency (ICE)",),
    "ES": ("ICEX Spain Trade and Investment",),
    "NO": ("Innovation Norway",),
    "AU": ("Australian Trade and Investment Commission (Austrade)",),
    "NZ": ("New Zealand Trade and Enterprise",),
    "IN": ("Ministry of Housing and Urban Affairs of India",),
    "BR": ("Brazilian Trade and Investment Promotion Agency (ApexBrasil)",),
    "CO": ("ProColombia",),
    "PE": ("PromPerú",),
    "CL": ("InvestChile",),
    "NG": ("Nigerian Investment Promotion Commission",),
    "GH": ("Ghana Investment Promotion Centre",),
    "ZA": ("Department of Trade, Industry and Competition of South Africa",),
    "KE": ("Kenya Investment Authority",),
    "PL": ("Polish Investment and Trade Agency (PAIH)",),
    "NL": ("Netherlands Enterprise Agency (RVO)",),
    "FI": ("Business Finland",),
    "AE": ("Abu Dhabi Investment Office",),
    "PH": ("Department of Trade and Industry of the Philippines",),
    "SG": ("Economic Development Board of Singapore",),
    "DK": ("Danish Energy Agency",),
}
# National bodies that are ministries; the rest are trade or investment agencies.
MINISTRIES = {
    "Ministry of Foreign Affairs of Japan",
    "Federal Foreign Office of Germany",
    "Foreign, Commonwealth & Development Office",
    "Ministry for Europe and Foreign Affairs of France",
    "Secretariat of Foreign Affairs of Mexico",
    "Secretariat of Economy of Mexico",
    "Ministry of Housing and Urban Affairs of India",
    "Department for Business and Trade",
    "Department of Trade, Industry and Competition of South Africa",
    "Department of Trade and Industry of the Philippines",
    "Danish Energy Agency",
}

# Fallback trade agencies for cities whose ties give few national counterparts.
GENERAL_NATIONAL_COUNTRIES = ("JP", "DE", "GB", "KR", "NL", "SG", "DK", "FR", "IE", "CA")

# (name, country of the seat, seat, the subjects it usually brings).
INTERNATIONAL_ORGANISATIONS = (
    ("World Bank", "US", "Washington", ("flood risk and coastal resilience", "affordable housing")),
    ("Inter-American Development Bank", "US", "Washington", ("zero-emission buses", "water reuse")),
    ("OECD", "FR", "Paris", ("affordable housing", "workforce development", "air quality")),
    ("UN-Habitat", "KE", "Nairobi", ("affordable housing", "women in city leadership")),
    ("UN Environment Programme", "KE", "Nairobi", ("air quality", "circular economy and waste")),
    ("United Nations Development Programme", "US", "New York City", ("digital inclusion",)),
    (
        "UNHCR, the UN Refugee Agency",
        "CH",
        "Geneva",
        ("refugee and newcomer inclusion", "language access for residents"),
    ),
    (
        "International Organization for Migration",
        "CH",
        "Geneva",
        ("refugee and newcomer inclusion", "workforce development"),
    ),
    ("World Health Organization", "CH", "Geneva", ("public-health preparedness", "air quality")),
    ("UNESCO", "FR", "Paris", ("arts and cultural exchange", "student exchanges")),
    (
        "UN Office for Disaster Risk Reduction",
        "CH",
        "Geneva",
        ("earthquake preparedness", "extreme-heat resilience"),
    ),
    ("Asian Development Bank", "PH", "Mandaluyong", ("flood risk and coastal resilience",)),
    (
        "African Union Commission",
        "ET",
        "Addis Ababa",
        ("workforce development", "start-up ecosystems"),
    ),
    ("International Labour Organization", "CH", "Geneva", ("workforce development",)),
)

# Fictional companies: (name, country, the theme they bring to a trade mission).
BUSINESSES = (
    ("Setouchi Hydrogen Systems K.K.", "JP", "clean-energy investment"),
    ("Chubu Precision Robotics K.K.", "JP", "start-up ecosystems"),
    ("Hanbit Battery Solutions Co.", "KR", "clean-energy investment"),
    ("Hangang Smart Mobility Co.", "KR", "zero-emission buses"),
    ("Rheinhafen Logistik GmbH", "DE", "ports and logistics"),
    ("Isar Medizintechnik GmbH", "DE", "life sciences"),
    ("Nordhavn Mobility ApS", "DK", "zero-emission buses"),
    ("Delta Waterworks Engineering B.V.", "NL", "flood risk and coastal resilience"),
    ("Garonne AéroSystèmes SAS", "FR", "workforce development"),
    ("Thames Payments Ltd", "GB", "start-up ecosystems"),
    ("Corrib MedTech Ltd", "IE", "life sciences"),
    ("Grupo Logístico del Pacífico S.A. de C.V.", "MX", "ports and logistics"),
    ("Verde Biocombustíveis S.A.", "BR", "clean-energy investment"),
    ("Deccan Civic Software Pvt Ltd", "IN", "smart-city data platforms"),
    ("Arava Water Technologies Ltd", "IL", "water reuse"),
    ("Zhujiang Electric Coach Co.", "CN", "zero-emission buses"),
    ("Tamsui Chip Packaging Co.", "TW", "start-up ecosystems"),
    ("Merlion Urban Analytics Pte Ltd", "SG", "smart-city data platforms"),
    ("Murray Basin Water Pty Ltd", "AU", "water reuse"),
    ("Göta Timber Construction AB", "SE", "building energy efficiency"),
    ("Fjordline Electric Ferries AS", "NO", "port decarbonisation"),
    ("Ibérica Renovables S.L.", "ES", "clean-energy investment"),
    ("Brianza Design Manifattura S.p.A.", "IT", "arts and cultural exchange"),
    ("Atacama Lithium Refining SpA", "CL", "clean-energy investment"),
    ("Eko Creative Studios Ltd", "NG", "arts and cultural exchange"),
    ("Rift Valley Agritech Ltd", "KE", "food waste reduction"),
    ("Saimaa Circular Materials Oy", "FI", "circular economy and waste"),
    ("Vistula Software Sp. z o.o.", "PL", "start-up ecosystems"),
    ("Anatolia Technical Textiles A.Ş.", "TR", "workforce development"),
    ("Gulf Desalination Holdings PJSC", "AE", "water reuse"),
    ("Andes Agroexport S.A.C.", "PE", "food waste reduction"),
    ("Antioquia Flores S.A.S.", "CO", "tourism promotion"),
)

UNIVERSITIES = {
    "JP": ("University of Tokyo", "Kyoto University", "Nagoya University", "Kobe University"),
    "KR": ("Seoul National University", "KAIST"),
    "CN": ("Tsinghua University", "Fudan University"),
    "TW": ("National Taiwan University",),
    "DE": ("Technical University of Munich", "Free University of Berlin"),
    "FR": ("Sciences Po", "University of Bordeaux"),
    "GB": ("University of Edinburgh", "Imperial College London"),
    "IE": ("University College Dublin", "University of Galway", "University College Cork"),
    "MX": ("National Autonomous University of Mexico (UNAM)", "Tecnológico de Monterrey"),
    "BR": ("University of São Paulo", "Federal University of Rio de Janeiro"),
    "IN": ("Indian Institute of Technology Bombay",),
    "NG": ("University of Lagos",),
    "KE": ("University of Nairobi",),
    "GH": ("University of Ghana",),
    "ZA": ("University of Cape Town",),
    "AU": ("University of Melbourne", "University of Sydney"),
    "NZ": ("University of Auckland",),
    "CA": ("University of Toronto", "University of British Columbia"),
    "NL": ("Delft University of Technology",),
    "IT": ("Politecnico di Milano", "University of Bologna", "University of Padua"),
    "IL": ("Tel Aviv University", "Technion – Israel Institute of Technology"),
    "SG": ("National University of Singapore",),
    "ES": ("University of Barcelona",),
    "NO": ("University of Bergen",),
    "CH": ("ETH Zurich",),
    "PL": ("Jagiellonian University",),
    "CL": ("Pontifical Catholic University of Chile",),
    "PE": ("Pontifical Catholic University of Peru",),
    "CO": ("Universidad de los Andes",),
}

CIVIL_SOCIETY = (
    ("Goethe-Institut", "DE", ("arts and cultural exchange", "student exchanges")),
    ("British Council", "GB", ("arts and cultural exchange", "student exchanges")),
    ("Alliance Française", "FR", ("arts and cultural exchange",)),
    ("Japan Foundation", "JP", ("arts and cultural exchange", "student exchanges")),
    ("Instituto Cervantes", "ES", ("arts and cultural exchange", "language access for residents")),
    (
        "International Committee of the Red Cross",
        "CH",
        ("public-health preparedness", "major-event preparedness"),
    ),
    ("WWF International", "CH", ("urban forestry", "circular economy and waste")),
    ("Oxfam International", "KE", ("food waste reduction", "affordable housing")),
    ("Transparency International", "DE", ("open government and anti-corruption",)),
    ("Norwegian Refugee Council", "NO", ("refugee and newcomer inclusion",)),
    ("Danish Refugee Council", "DK", ("refugee and newcomer inclusion",)),
    ("Slum Dwellers International", "ZA", ("affordable housing",)),
    (
        "International Rescue Committee",
        "US",
        ("refugee and newcomer inclusion", "language access for residents"),
    ),
    ("World Resources Institute", "US", ("zero-emission buses", "building energy efficiency")),
)
ACADEMIC_THEMES = (
    "student exchanges",
    "life sciences",
    "smart-city data platforms",
    "urban forestry",
    "extreme-heat resilience",
    "earthquake preparedness",
    "digital inclusion",
    "workforce development",
)
TRADE_THEMES = (
    "clean-energy investment",
    "life sciences",
    "ports and logistics",
    "start-up ecosystems",
    "tourism promotion",
    "workforce development",
)

# City governments that call themselves something other than "City of X".
CITY_GOVERNMENT_NAMES = {
    "Tokyo": "Tokyo Metropolitan Government",
    "Seoul": "Seoul Metropolitan Government",
    "Busan": "Busan Metropolitan City",
    "Daegu": "Daegu Metropolitan City",
    "Daejeon": "Daejeon Metropolitan City",
    "Incheon": "Incheon Metropolitan City",
    "Ulsan": "Ulsan Metropolitan City",
    "Mexico City": "Government of Mexico City",
    "London": "Greater London Authority",
    "Berlin": "Senate of Berlin",
    "Hamburg": "Free and Hanseatic City of Hamburg",
    "Taipei": "Taipei City Government",
    "Kaohsiung": "Kaohsiung City Government",
    "Taichung": "Taichung City Government",
    "Bangkok": "Bangkok Metropolitan Administration",
}
CHINESE_CITY_GOVERNMENT = "{name} Municipal People's Government"

SENSITIVITY_NOTES = {
    "CN": "PRC government or state-linked body: agreements go to the City Attorney for "
    "review under state and federal rules before signing; no data sharing.",
    "business": "Has a bid open in a city procurement: no gifts or hospitality, and keep "
    "the procurement office informed of every contact.",
    "sanctions": "Check counterparts against the U.S. sanctions lists before every "
    "engagement; brief the Mayor's office first.",
}
SANCTIONS_REVIEW_COUNTRIES = ("AZ", "IQ", "UZ", "AO")

# Romanised name pools by language, each (given names, family names).
NAME_POOLS = {
    "ja": (
        ("Haruto", "Yui", "Kenji", "Aiko", "Takashi", "Emi", "Hiroshi", "Naoko"),
        ("Tanaka", "Suzuki", "Watanabe", "Yamamoto", "Kobayashi", "Nakamura", "Sato", "Ito"),
    ),
    "ko": (
        ("Min-jun", "Seo-yeon", "Ji-hoon", "Hye-jin", "Dong-hyun", "Eun-ji"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang"),
    ),
    "zh": (
        ("Wei", "Li Na", "Jian", "Xiaoming", "Mei", "Hao", "Jing", "Yong"),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Zhao", "Yang", "Huang"),
    ),
    "tw": (
        ("Yu-ting", "Chia-hao", "Shu-fen", "Chih-ming", "Hsin-yi", "Wen-chieh"),
        ("Lin", "Chen", "Huang", "Chang", "Tsai", "Hsu"),
    ),
    "de": (
        ("Anna", "Lukas", "Katrin", "Jonas", "Sabine", "Matthias", "Julia", "Stefan"),
        ("Müller", "Schmidt", "Becker", "Hoffmann", "Wagner", "Schulz", "Keller", "Fischer"),
    ),
    "fr": (
        ("Camille", "Julien", "Claire", "Antoine", "Sophie", "Mathieu"),
        ("Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefèvre"),
    ),
    "es": (
        ("María", "José", "Lucía", "Alejandro", "Carmen", "Diego", "Valentina", "Andrés"),
        ("García", "Martínez", "López", "Hernández", "Ramírez", "Torres", "Flores", "Rojas"),
    ),
    "pt": (
        ("Ana", "João", "Beatriz", "Pedro", "Juliana", "Rafael"),
        ("Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira"),
    ),
    "it": (
        ("Giulia", "Marco", "Francesca", "Luca", "Chiara", "Andrea"),
        ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano"),
    ),
    "en": (
        ("Emma", "James", "Olivia", "Liam", "Sarah", "Daniel", "Grace", "Owen"),
        ("Smith", "Brown", "Taylor", "Wilson", "Murphy", "Clarke", "Walsh", "Campbell"),
    ),
    "nl": (
        ("Sanne", "Daan", "Lotte", "Bram", "Femke", "Joost"),
        ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Mulder"),
    ),
    "nordic": (
        ("Ingrid", "Erik", "Sofia", "Lars", "Freja", "Mikkel", "Aino", "Jukka"),
        ("Hansen", "Johansson", "Nielsen", "Larsen", "Berg", "Lindqvist", "Virtanen", "Dahl"),
    ),
    "pl": (
        ("Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Magdalena", "Paweł"),
        ("Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Zając"),
    ),
    "he": (
        ("Noa", "Yosef", "Tamar", "Avi", "Shira", "Eitan"),
        ("Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Friedman"),
    ),
    "ar": (
        ("Layla", "Omar", "Fatima", "Youssef", "Nadia", "Karim"),
        ("Haddad", "Mansour", "Khalil", "Nasser", "Saleh", "Aziz"),
    ),
    "hi": (
        ("Priya", "Arjun", "Ananya", "Rahul", "Kavita", "Vikram"),
        ("Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Khan"),
    ),
    "west_af": (
        ("Ngozi", "Kwame", "Amina", "Tunde", "Kofi", "Fatou", "Chidi", "Akosua"),
        ("Okafor", "Mensah", "Adeyemi", "Diallo", "Boateng", "Ndiaye", "Eze", "Owusu"),
    ),
    "east_af": (
        ("Wanjiru", "Otieno", "Achieng", "Kamau", "Njeri", "Baraka"),
        ("Mwangi", "Odhiambo", "Kipchoge", "Wafula", "Njoroge", "Chebet"),
    ),
    "south_af": (
        ("Thabo", "Nomsa", "Sipho", "Lerato", "Tendai", "Chipo"),
        ("Ndlovu", "Banda", "Mokoena", "Dlamini", "Moyo", "Phiri"),
    ),
    "et": (
        ("Abebe", "Tigist", "Dawit", "Selam", "Yonas", "Hirut"),
        ("Bekele", "Tesfaye", "Haile", "Girma", "Alemu", "Mekonnen"),
    ),
    "sea": (
        ("Ana", "Rizal", "Siti", "Thanh", "Marco", "Dewi", "Somchai", "Mai"),
        ("Santos", "Reyes", "Wijaya", "Nguyen", "Tan", "Pham", "Suwannarat", "Gonzales"),
    ),
    "tr": (
        ("Elif", "Mehmet", "Zeynep", "Emre", "Ayşe", "Murat", "Leyla", "Rashad"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Aliyev", "Huseynov", "Çelik", "Aydın"),
    ),
    "el": (
        ("Eleni", "Giorgos", "Maria", "Nikos", "Katerina", "Dimitris"),
        ("Georgiou", "Konstantinou", "Ioannou", "Christodoulou", "Pavlou", "Antoniou"),
    ),
    "caucasus": (
        ("Anahit", "Aram", "Nino", "Giorgi", "Lusine", "Levan"),
        ("Petrosyan", "Hakobyan", "Beridze", "Kapanadze", "Sargsyan", "Lomidze"),
    ),
    "ua": (
        ("Olena", "Andriy", "Iryna", "Taras", "Oksana", "Dmytro"),
        ("Shevchenko", "Bondarenko", "Kovalenko", "Tkachenko", "Kravchenko", "Melnyk"),
    ),
    "hu": (
        ("Katalin", "László", "Eszter", "Gábor", "Zsófia", "Bence"),
        ("Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga"),
    ),
}
COUNTRY_LANGUAGES = {
    **dict.fromkeys(("JP",), "ja"),
    **dict.fromkeys(("KR",), "ko"),
    **dict.fromkeys(("CN",), "zh"),
    **dict.fromkeys(("TW",), "tw"),
    **dict.fromkeys(("DE", "AT", "CH"), "de"),
    **dict.fromkeys(("FR", "BE", "HT"), "fr"),
    **dict.fromkeys(("ES", "MX", "CO", "PE", "CL", "AR", "SV", "DO", "EC", "GT"), "es"),
    **dict.fromkeys(("BR", "PT", "AO", "CV"), "pt"),
    **dict.fromkeys(("IT",), "it"),
    **dict.fromkeys(("NL",), "nl"),
    **dict.fromkeys(("NO", "SE", "DK", "FI", "IS"), "nordic"),
    **dict.fromkeys(("PL", "LT", "CZ", "HR"), "pl"),
    **dict.fromkeys(("IL",), "he"),
    **dict.fromkeys(("EG", "MA", "AE", "IQ", "JO"), "ar"),
    **dict.fromkeys(("IN", "PK"), "hi"),
    **dict.fromkeys(("NG", "GH", "SN", "CM"), "west_af"),
    **dict.fromkeys(("KE",), "east_af"),
    **dict.fromkeys(("ZA", "ZM", "ZW", "LS"), "south_af"),
    **dict.fromkeys(("ET",), "et"),
    **dict.fromkeys(("PH", "ID", "VN", "TH", "SG"), "sea"),
    **dict.fromkeys(("TR", "AZ", "UZ"), "tr"),
    **dict.fromkeys(("GR",), "el"),
    **dict.fromkeys(("AM", "GE"), "caucasus"),
    **dict.fromkeys(("UA", "MN"), "ua"),
    **dict.fromkeys(("HU",), "hu"),
}
# Where an interpreter is usually needed for a visit.
ENGLISH_SPEAKING = {
    *("GB", "IE", "AU", "NZ", "CA", "US", "SG", "JM", "IN", "PK", "PH"),
    *("NG", "GH", "KE", "ZA", "ZM", "ZW", "LS"),
}

PERSON_TITLES = {
    "city_government": (
        "Director, International Relations Division",
        "Deputy Mayor",
        "Sister-City Coordinator",
        "Chief of Protocol",
        "Member of the City Council",
    ),
    "regional_government": (
        "Director, International Affairs Division",
        "Vice-Governor",
        "Liaison Officer",
    ),
    "national_government": (
        "Director-General",
        "Trade Commissioner",
        "Deputy Minister",
        "Counsellor for Economic Affairs",
    ),
    "diplomatic_mission": (
        "Consul General",
        "Deputy Consul General",
        "Consul for Economic Affairs",
        "Consul for Cultural Affairs",
    ),
    "international_organisation": (
        "Senior Urban Specialist",
        "Head of Office",
        "Programme Manager",
        "Director, Local Partnerships",
    ),
    "business": (
        "Chief Executive Officer",
        "Vice President, Business Development",
        "Head of North America",
        "Director of Government Affairs",
    ),
    "academic": (
        "Vice President for International Affairs",
        "Professor of Urban Planning",
        "Director, Global Engagement",
    ),
    "civil_society": ("Executive Director", "Programme Director", "Head of Partnerships"),
    "city_network": (
        "Regional Director, North America",
        "City Diplomacy Lead",
        "Programme Manager",
    ),
    # Diplomatic missions in Washington are embassies.
    "embassy": ("Ambassador", "Deputy Chief of Mission", "Counsellor for Economic Affairs"),
}

# U.S. staff: city officials on missions, and the demo logins' names.
US_GIVEN = ("Maya", "Daniel", "Priya", "Marcus", "Elena", "Jordan", "Grace", "Luis", "Hannah")
US_FAMILY = ("Thompson", "Nguyen", "Ramirez", "Okafor", "Cohen", "Patel", "Walker", "Kim")

CITY_TEAM_TITLES = (
    ("Deputy Mayor for International Affairs", "member"),
    ("Director of International Affairs", "member"),
    ("Protocol Officer", "staff"),
    ("Senior Policy Advisor", "member"),
    ("Press Secretary", "press"),
    ("Executive Protection Officer", "security"),
)

# Engagement titles by kind; placeholders filled in by seed_demo.
TITLES = {
    "inbound_delegation": (
        "Delegation from {pcity} on {theme}",
        "{pcity} City Council delegation on {theme}",
        "Study tour from {partner}: {theme}",
        "Official visit of the Mayor of {pcity}",
    ),
    "inbound_ministry": (
        "Delegation from the {partner} on {theme}",
        "Ministerial visit from {country}: {theme}",
    ),
    "inbound_head_of_government": ("Head-of-government visit from {country}: {theme}",),
    "inbound_other": ("Visit by {partner} on {theme}", "Study tour from {partner}: {theme}"),
    "outbound_mission": (
        "Mayor's mission to {pcity} on {theme}",
        "Sister-city anniversary mission to {pcity}",
        "Staff study visit to {pcity}: {theme}",
    ),
    "trade_mission": (
        "Trade mission to {country}: {theme}",
        "Investment mission to {pcity} on {theme}",
    ),
    "meeting": (
        "Meeting with {partner} on {theme}",
        "Working lunch with {partner} on {theme}",
    ),
    "meeting_consulate": (
        "Courtesy call by the {person_title} of {formal_country}",
        "Meeting with {partner} on {theme}",
    ),
    "virtual_meeting": (
        "Video call with {partner} on {theme}",
        "Virtual exchange with {partner}: {theme}",
    ),
    "conference": (
        "{network} forum on {theme}",
        "Panel on {theme} at the {network} summit",
    ),
    "agreement": (
        "Memorandum of understanding with {partner} on {theme}",
        "Letter of intent with {partner} on {theme}",
    ),
    "agreement_tie": ("Renewal of the sister-city agreement with {pcity}",),
    "hosted_event": (
        "Consular corps reception at City Hall",
        "Mayor's reception for the consular corps",
        "{theme} showcase for foreign partners",
        "Sister Cities Day celebration at City Hall",
    ),
    "consular_training": (
        "Consular corps briefing on {theme}",
        "Protocol training for city department staff",
        "Consular corps briefing on emergency preparedness",
    ),
}

# Titles that name no subject, and the subject they are about.
TEMPLATE_THEMES = {
    "Sister-city anniversary mission to {pcity}": "arts and cultural exchange",
    "Consular corps reception at City Hall": "arts and cultural exchange",
    "Mayor's reception for the consular corps": "arts and cultural exchange",
    "Sister Cities Day celebration at City Hall": "arts and cultural exchange",
    "Protocol training for city department staff": "diplomatic protocol",
    "Consular corps briefing on emergency preparedness": "emergency preparedness",
}

SUMMARIES = {
    "inbound_delegation": "{partner} delegation to {city} to learn about {theme} and meet "
    "the departments leading the work.",
    "outbound_mission": "City delegation to {pcity} to compare approaches to {theme} and "
    "renew contacts with {partner}.",
    "trade_mission": "Business delegation to {country} on {theme}, with meetings arranged "
    "with {partner} and local investors.",
    "meeting": "Discussion with {partner} on {theme} and possible joint projects.",
    "virtual_meeting": "Video call with {partner} to share progress on {theme}.",
    "conference": "{network} session on {theme}, with side meetings with peer cities.",
    "agreement": "Agreement with {partner} setting out cooperation on {theme}.",
    "hosted_event": "Event at City Hall for the consular corps and partner organisations, "
    "highlighting {theme}.",
    "consular_training": "Briefing for the consular corps and city staff on {theme}.",
}
OUTCOMES = (
    "Agreed to exchange technical staff on {theme} next year.",
    "Partners will share their {theme} data and case studies.",
    "A joint pilot on {theme} is being scoped by both teams.",
    "Introductions made to two city departments; follow-up meetings requested.",
    "Partner invited the Mayor to present at their next {theme} event.",
    "Both sides agreed to report back on {theme} progress within six months.",
)
# Outcomes of receptions and briefings for many missions at once.
GROUP_OUTCOMES = (
    "Consuls asked for the slides and a contact list for city departments.",
    "Several missions asked for a follow-up briefing on {theme}.",
    "Feedback collected for next year's programme.",
    "Three missions offered speakers for the next session.",
)
CANCELLATION_REASONS = (
    "Cancelled: the partner postponed the visit.",
    "Cancelled: scheduling conflict with a City Council session.",
    "Cancelled after the partner's leadership changed.",
    "Cancelled because of travel restrictions.",
)

FOLLOW_UPS = (
    "Send thank-you letter to {partner}",
    "Share {theme} case studies with {partner}",
    "Draft MOU text for the City Attorney's review",
    "Report outcomes to the Mayor's office",
    "Schedule a technical follow-up call on {theme}",
    "Introduce {partner} to the relevant city department",
    "Publish a news item on the visit",
    "Circulate the meeting notes to departments",
)
PREPARATION_FOLLOW_UPS = (
    "Confirm interpreters and the programme with {partner}",
    "Prepare the Mayor's briefing book",
    "Book venues and transport for the programme",
)

INBOUND_ITINERARY = (
    ("City Hall", "Courtesy call on the Mayor"),
    ("City Hall, Council Chamber", "Recognition by the City Council"),
    ("Department of Transportation", "Technical briefing on {theme}"),
    ("Innovation district", "Site visit: {theme}"),
    ("Convention Center", "Business roundtable with local companies"),
    ("Public Works operations center", "Field visit on {theme}"),
    ("Official residence", "Dinner hosted by the Mayor"),
    ("Port of {city}", "Harbour tour and briefing"),
)
OUTBOUND_ITINERARY = (
    ("{pcity} City Hall", "Meeting with the Mayor of {pcity}"),
    ("{pcity} Chamber of Commerce", "Business roundtable"),
    ("Hotel", "Delegation briefing"),
    ("{partner} offices", "Working session on {theme}"),
    ("University in {pcity}", "Visit to research partners on {theme}"),
    ("Diaspora community center", "Community reception"),
)

GIFTS_GIVEN = (
    ("Framed aerial photograph of {city}", 85),
    ("Book of {city} architecture", 45),
    ("Glass city-seal paperweight", 60),
    ("Handmade quilt by a {city} artist", 240),
)
GIFTS_RECEIVED = (
    ("Lacquered tray from {pcity}", 180),
    ("Porcelain vase", 320),
    ("Hand-woven textile", 150),
    ("Commemorative medal of {pcity}", 40),
    ("Book of photographs of {pcity}", 35),
)
GIFT_DISPOSITIONS = (
    "Displayed in the Mayor's office",
    "Logged and transferred to the city archive",
    "Displayed in the International Affairs office",
)

CONFERENCE_HOSTS = (
    ("Copenhagen", "DK"),
    ("Buenos Aires", "AR"),
    ("Seoul", "KR"),
    ("Bonn", "DE"),
    ("Barcelona", "ES"),
    ("Nairobi", "KE"),
    ("Rio de Janeiro", "BR"),
    ("Singapore", "SG"),
    ("Rotterdam", "NL"),
    ("Montreal", "CA"),
)


class CommitmentTemplate(NamedTuple):
    """A pledge a city may make: values are drawn within the ranges by seed_demo."""

    framework: str
    title: str
    description: str
    targets: tuple[str, ...]
    indicator: str | None
    indicator_description: str
    unit: str
    baseline_year: int
    baseline_range: tuple[float, float]
    target_year: int
    target_ratio: float  # target = baseline × ratio


COMMITMENTS = (
    CommitmentTemplate(
        CommitmentFramework.PARIS,
        "Cut citywide greenhouse-gas emissions in half",
        "Community-wide emissions inventory, following the GCoM common reporting framework.",
        ("13.2",),
        "13.2.2",
        "Community-wide greenhouse-gas emissions",
        "kt CO2e",
        2019,
        (4_000, 30_000),
        2030,
        0.5,
    ),
    CommitmentTemplate(
        CommitmentFramework.SDGS,
        "Power city operations with renewable electricity",
        "Share of electricity used by city buildings and fleet from renewable sources.",
        ("7.2",),
        "7.2.1",
        "Renewable share of municipal electricity use",
        "%",
        2018,
        (18, 45),
        2030,
        2.2,
    ),
    CommitmentTemplate(
        CommitmentFramework.SDGS,
        "Cleaner air: cut fine-particle pollution",
        "Annual mean PM2.5 concentration at the city's regulatory monitors.",
        ("11.6", "3.9"),
        "11.6.2",
        "Annual mean PM2.5 concentration",
        "µg/m³",
        2019,
        (8, 13),
        2030,
        0.7,
    ),
    CommitmentTemplate(
        CommitmentFramework.SDGS,
        "Divert municipal waste from landfill",
        "Share of residential and commercial waste recycled or composted.",
        ("12.5", "11.6"),
        "12.5.1",
        "Municipal recycling and composting rate",
        "%",
        2018,
        (20, 45),
        2030,
        1.8,
    ),
    CommitmentTemplate(
        CommitmentFramework.SDGS,
        "Grow the urban tree canopy",
        "Tree canopy cover measured from aerial lidar surveys.",
        ("11.7", "15.1"),
        None,
        "Tree canopy cover as a share of land area",
        "%",
        2020,
        (14, 28),
        2035,
        1.3,
    ),
    CommitmentTemplate(
        CommitmentFramework.SDGS,
        "Vision Zero: end traffic deaths",
        "Traffic deaths on city streets, from police and medical examiner records.",
        ("3.6", "11.2"),
        "3.6.1",
        "Traffic deaths per year",
        "deaths",
        2019,
        (30, 300),
        2035,
        0.0,
    ),
    CommitmentTemplate(
        CommitmentFramework.SDGS,
        "Put frequent transit within reach of every resident",
        "Residents within a ten-minute walk of a stop with 15-minute service.",
        ("11.2",),
        "11.2.1",
        "Residents near frequent transit",
        "%",
        2019,
        (40, 70),
        2030,
        1.3,
    ),
    CommitmentTemplate(
        CommitmentFramework.MIGRATION_COMPACT,
        "Welcome newcomers with city navigation services",
        "The city's pledge under the Global Compact for Migration, with the Mayors "
        "Migration Council: immigrant residents helped by navigator services each year.",
        ("10.7", "16.9"),
        None,
        "Immigrant residents served by city navigators per year",
        "residents",
        2020,
        (2_000, 15_000),
        2030,
        2.0,
    ),
)

# Where a fictional company of each country is based: its trade missions go there.
BUSINESS_HUBS = {
    "JP": "Tokyo",
    "KR": "Seoul",
    "DE": "Munich",
    "DK": "Copenhagen",
    "NL": "Rotterdam",
    "FR": "Toulouse",
    "GB": "London",
    "IE": "Dublin",
    "MX": "Guadalajara",
    "BR": "São Paulo",
    "IN": "Bengaluru",
    "IL": "Tel Aviv",
    "CN": "Shenzhen",
    "TW": "Hsinchu",
    "SG": "Singapore",
    "AU": "Sydney",
    "SE": "Gothenburg",
    "NO": "Bergen",
    "ES": "Madrid",
    "IT": "Milan",
    "CL": "Santiago",
    "NG": "Lagos",
    "KE": "Nairobi",
    "FI": "Helsinki",
    "PL": "Kraków",
    "TR": "Istanbul",
    "AE": "Abu Dhabi",
    "PE": "Lima",
    "CO": "Medellín",
}

# Sister cities too small for GeoNames' 15,000+ list: (latitude, longitude, time zone).
CITIES_OUTSIDE_GEONAMES = {("Assisi", "IT"): ("43.07070", "12.61960", "Europe/Rome")}

PORT_CITIES = {
    "los-angeles",
    "new-york-city",
    "seattle",
    "houston",
    "san-francisco",
    "boston",
    "miami",
    "philadelphia",
    "san-diego",
    "portland",
}

LANGUAGE_NAMES = {
    "ja": "Japanese",
    "ko": "Korean",
    "zh": "Mandarin",
    "tw": "Mandarin",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "he": "Hebrew",
    "ar": "Arabic",
    "tr": "Turkish",
    "el": "Greek",
    "ua": "Ukrainian",
    "hu": "Hungarian",
    "et": "Amharic",
    "west_af": "French",
}
# Where the language pool does not name the language an interpreter needs.
LANGUAGE_BY_COUNTRY = {
    "NO": "Norwegian",
    "SE": "Swedish",
    "DK": "Danish",
    "FI": "Finnish",
    "IS": "Icelandic",
    "LT": "Lithuanian",
    "CZ": "Czech",
    "HR": "Croatian",
    "ID": "Indonesian",
    "VN": "Vietnamese",
    "TH": "Thai",
    "AZ": "Azerbaijani",
    "UZ": "Uzbek",
    "AM": "Armenian",
    "GE": "Georgian",
    "MN": "Mongolian",
    "MA": "Arabic and French",
}

# Where a city's "City Hall" is called something else.
CITY_HALLS = {"washington-dc": "John A. Wilson Building"}

# Cities where heads of government visiting the U.S. are received most often.
HEAD_OF_GOVERNMENT_HOSTS = {"new-york-city", "washington-dc"}

# How engagement titles name a network: "C40 forum on…", not its full name.
NETWORK_SHORT_NAMES = {spec["name"]: spec["acronym"] or spec["name"] for spec in NETWORKS}


class JointMission(NamedTuple):
    """A plan a city shares with the others (``seed_demo`` dates it to the coming months)."""

    city: str  # slug
    sharing: str  # the city's sharing level
    title: str
    direction: str
    country: str
    month: int  # calendar month, in the next year that has it still ahead
    topics: tuple[str, ...] = ()
    partner_country: str = ""  # a partner of the city in this country, if it keeps one


# Seattle and Los Angeles both plan a trade mission to Japan in March: the
# overlap the "Planned by other cities" page exists for. Seattle shares only
# the country and month; Los Angeles and Chicago share partner and topics too.
# New York City keeps a plan and shares nothing.
JOINT_MISSIONS = (
    JointMission(
        city="seattle",
        sharing="country_month",
        title="Trade mission to Japan: maritime and aerospace",
        direction="outbound",
        country="JP",
        month=3,
        topics=("trade",),
        partner_country="JP",
    ),
    JointMission(
        city="los-angeles",
        sharing="full",
        title="Trade mission to Japan: entertainment and clean ports",
        direction="outbound",
        country="JP",
        month=3,
        topics=("trade", "climate"),
        partner_country="JP",
    ),
    JointMission(
        city="los-angeles",
        sharing="full",
        title="Mexico City transit delegation visits Los Angeles",
        direction="inbound",
        country="MX",
        month=5,
        topics=("climate",),
        partner_country="MX",
    ),
    JointMission(
        city="chicago",
        sharing="full",
        title="Delegation from Germany on climate-ready buildings",
        direction="inbound",
        country="DE",
        month=4,
        topics=("climate", "technology"),
        partner_country="DE",
    ),
    JointMission(
        city="new-york-city",
        sharing="off",
        title="Financial services mission to Japan",
        direction="outbound",
        country="JP",
        month=3,
        topics=("trade",),
    ),
)
# Regional governments (prefectures, provinces, states) that partner with U.S. cities.
REGIONAL_GOVERNMENTS = [
    ("Aichi Prefectural Government", "JP"),
    ("Gyeonggi Provincial Government", "KR"),
    ("Government of the State of Jalisco", "MX"),
    ("State Ministry of Baden-Württemberg", "DE"),
    ("Government of Catalonia", "ES"),
    ("Guangdong Provincial People's Government", "CN"),
    ("Hyogo Prefectural Government", "JP"),
    ("Government of the Province of Buenos Aires", "AR"),
]
# --- public pages and Voluntary Local Reviews --------------------------------------

# Cities whose demo publishes a public page and open data. One completed engagement
# in PUBLIC_SHARE is marked public (never one with a partner under review).
PUBLIC_CITIES = {
    "los-angeles": "Los Angeles works with cities and partners around the world on "
    "climate, trade, culture and the 2028 Games. This page lists the engagements our "
    "Office of International Affairs has completed and chosen to share, our sister "
    "cities and our progress on the commitments we made.",
}
PUBLIC_SHARE = 2

# A Voluntary Local Review draft of the current year: the priority goals the demo
# city set for it, and its staff's narrative of each.
REVIEWS = {
    "los-angeles": {
        3: "Public-health preparedness is a standing subject with our partner cities: "
        "what we learned together in the pandemic we keep practising.",
        10: "Los Angeles pledged under the Global Compact for Migration, with the Mayors "
        "Migration Council, to welcome newcomers with city navigation services.",
        11: "Frequent transit within reach of every resident, zero-emission buses and "
        "affordable housing drive our urban partnerships.",
        13: "Our emissions pledge follows the Global Covenant of Mayors' reporting "
        "framework; our sister cities share heat-resilience practice with us.",
        16: "Community policing and violence prevention are exchanged with partners "
        "through the Strong Cities Network and our sister cities.",
    },
}
