#!/usr/bin/env python3
"""Writes Pressroom's own sample archive under corpus/.

Everything this script writes is FICTIONAL and was written for Pressroom: the Republic of
Arvenne, its cities, ministries, councils, agencies, charities, unions and companies, every
person quoted, every number and every event are invented. Web addresses use the reserved
.example top-level domain.

Outputs (relative to the output folder, default <repo>/corpus):
  releases/releases-YYYY-YYYY.jsonl   canonical records, one JSON object per line, UTF-8
  expected-counts.json                counts computed from the records written (for the tests)
  broken/*                            deliberately broken inputs, with broken/README.md
  README.md                           what the archive contains

Deterministic: standard library only, one fixed seed, no clock, no environment. Running it twice
produces byte-identical files.

Usage: scripts/make-sample-corpus.py [--out DIR]
"""

import argparse
import csv
import datetime as dt
import difflib
import io
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

SEED = 20140317
YEARS = list(range(2014, 2025))
LAST_DAY = dt.date(2024, 11, 29)  # nothing is dated after this
TZ = "+01:00"  # Arvenne keeps UTC+1 all year

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON3 = [m[:3] for m in MONTHS]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAY3 = [d[:3] for d in DAYS]

# ---------------------------------------------------------------------------------------------
# Places (all invented)
# ---------------------------------------------------------------------------------------------

CITIES = {
    "Northwater": dict(
        districts=["Eastgate", "Millbrook", "Harrow Quay", "Fennick Hill", "Old Tannery",
                   "St Oda's"],
        river="Norr", bridges=["Tanner's", "Quayside", "Fennick"],
        sites=["the former Harrow Quay gasworks", "Millbrook Mills"],
        hospital="Northwater General Hospital"),
    "Brackenford": dict(
        districts=["Cobble Row", "Linthwaite", "Sallow Green", "Brackenford Central", "Weir End"],
        river="Sallow", bridges=["Weir End", "Sallow"],
        sites=["the old Linthwaite tannery", "the Weir End railway sidings"],
        hospital="St Aldric's Hospital"),
    "Saltmere": dict(
        districts=["Saltmere Harbour", "Dunmoor", "Kettle Point", "Wrayside", "Upper Saltmere"],
        river="Wray", bridges=["Harbour Swing", "Wrayside"],
        sites=["the Kettle Point boatyard", "the former fish cannery at Wrayside"],
        hospital="Saltmere Community Hospital"),
    "Lindmark": dict(
        districts=["Old Town", "Portside", "Greyfriars", "Lindmark North", "Castle Mead"],
        river="Lind", bridges=["Greyfriars", "Castle Mead"],
        sites=["the Greyfriars brewery site", "the Portside container yard"],
        hospital="Lindmark University Hospital"),
    "Ostervale": dict(
        districts=["Ostervale Centre", "Hobb's Green", "Marlpit", "Ferrydown"],
        river="Oster", bridges=["Ferrydown", "Marlpit"],
        sites=["the Ostervale dye works", "the Marlpit brickfields"],
        hospital="Ostervale Infirmary"),
}
CITY_NAMES = list(CITIES)

# ---------------------------------------------------------------------------------------------
# Organisations (all invented)
# ---------------------------------------------------------------------------------------------
# kind: gov | civil | company.  style: the house date format (see format_date).
# speakers: (name, role, first year, last year, topics they speak on; empty = anything)

ORGS = {}
ORG_ORDER = []


def org(key, name, *, subj, mid, short, kind, group, source, domain, url, style, place, topics,
        speakers, about, quota, language="en", sector=None):
    ORGS[key] = dict(key=key, name=name, subj=subj, mid=mid, short=short, kind=kind, group=group,
                     source=source, domain=domain, url=url, style=style, place=place,
                     topics=topics, speakers=speakers, about=about, quota=quota,
                     language=language, sector=sector)
    ORG_ORDER.append(key)


ALL = ()

org("nwc", "Northwater City Council", subj="Northwater City Council",
    mid="Northwater City Council", short="the council", kind="gov", group="city council",
    source="council-newsrooms", domain="northwater-council.example", url="/news/{year}/{seq}",
    style="iso", place="Northwater",
    topics={"water": 3, "housing": 3, "transport": 3, "public safety": 2, "budget": 2,
            "environment": 2, "education": 1, "digital rights": 1},
    speakers=[("Tobias Wrenfield", "Mayor of Northwater", 2014, 2018, ALL),
              ("Adaeze Morrow", "Mayor of Northwater", 2019, 2024, ALL),
              ("Henrik Osei", "the council's cabinet member for infrastructure", 2014, 2024,
               ("water", "transport", "environment", "public safety")),
              ("Lucia Brannagh", "the council's cabinet member for housing", 2016, 2024,
               ("housing", "budget"))],
    about="About Northwater City Council: Northwater City Council serves around 412,000 "
          "residents in eleven wards on both banks of the River Norr. It is responsible for "
          "local roads, council housing, schools, libraries, waste collection and parks.",
    quota=15)

org("bfc", "Brackenford Borough Council", subj="Brackenford Borough Council",
    mid="Brackenford Borough Council", short="the borough council", kind="gov",
    group="city council", source="council-newsrooms", domain="brackenford.example",
    url="/council/press-releases/{year}/{seq}", style="dmy", place="Brackenford",
    topics={"housing": 3, "transport": 2, "budget": 2, "public safety": 2, "environment": 2,
            "education": 1},
    speakers=[("Ingrid Asante", "Leader of Brackenford Borough Council", 2014, 2020, ALL),
              ("Dominic Feeney", "Leader of Brackenford Borough Council", 2021, 2024, ALL),
              ("Marguerite Olawale", "the borough's director of place", 2014, 2024,
               ("transport", "environment", "housing", "public safety"))],
    about="About Brackenford Borough Council: The borough council serves 168,000 residents "
          "in Brackenford and the villages of the Sallow valley. It is the planning and "
          "housing authority for the borough.",
    quota=10)

org("sdc", "Saltmere District Council", subj="Saltmere District Council",
    mid="Saltmere District Council", short="the district council", kind="gov",
    group="city council", source="council-newsrooms", domain="saltmere-district.example",
    url="/news/{id}", style="iso", place="Saltmere",
    topics={"water": 3, "environment": 3, "public safety": 2, "budget": 1, "transport": 1,
            "housing": 1},
    speakers=[("Rosalind Achterberg", "chair of Saltmere District Council", 2014, 2024, ALL),
              ("Ewan Tiernan-Baptiste", "the district's head of coastal services", 2014, 2024,
               ("water", "environment", "public safety"))],
    about="About Saltmere District Council: The district council looks after 54 kilometres of "
          "coastline, three harbours and the towns and villages of the Wray estuary, home to "
          "around 96,000 people.",
    quota=7)

org("moh", "Arvenne Ministry of Health", subj="The Ministry of Health",
    mid="the Ministry of Health", short="the ministry", kind="gov", group="ministry",
    source="government-press-office", domain="health.gov-arvenne.example",
    url="/press-releases/{year}/{seq}", style="rfc", place=None,
    topics={"health": 4, "labour": 1, "budget": 1},
    speakers=[("Dr Selin Varga", "Minister of Health", 2014, 2019, ALL),
              ("Joachim Nwosu-Bell", "Minister of Health", 2020, 2024, ALL),
              ("Dr Petra Lindqvist-Amari", "Chief Medical Officer", 2014, 2024, ("health",))],
    about="Notes to editors: The Ministry of Health is responsible for health policy, the "
          "national health service and public health in the Republic of Arvenne.",
    quota=10)

org("moe", "Arvenne Ministry of Education", subj="The Ministry of Education",
    mid="the Ministry of Education", short="the ministry", kind="gov", group="ministry",
    source="government-press-office", domain="education.gov-arvenne.example",
    url="/news/{year}/{seq}", style="iso", place=None,
    topics={"education": 4, "budget": 1, "digital rights": 1, "labour": 1},
    speakers=[("Camille Oduya", "Minister of Education", 2014, 2020, ALL),
              ("Rafael Strand", "Minister of Education", 2021, 2024, ALL),
              ("Bettina Kowalczyk-Reyes", "director-general for schools", 2014, 2024,
               ("education",))],
    about="Notes to editors: The Ministry of Education sets the national curriculum, funds "
          "state schools and oversees teacher training in Arvenne.",
    quota=7)

org("mof", "Arvenne Ministry of Finance", subj="The Ministry of Finance",
    mid="the Ministry of Finance", short="the ministry", kind="gov", group="ministry",
    source="government-press-office", domain="finance.gov-arvenne.example",
    url="/press/{yy}-{seq}", style="isodt", place=None,
    topics={"budget": 4, "labour": 1, "housing": 1},
    speakers=[("Augustin Pelletreau", "Minister of Finance", 2014, 2018, ALL),
              ("Hana Vostrikova", "Minister of Finance", 2019, 2024, ALL),
              ("Oskar Brightwater", "deputy minister for the budget", 2014, 2024,
               ("budget", "labour"))],
    about="Notes to editors: The Ministry of Finance is responsible for the national budget, "
          "taxation and the management of public debt.",
    quota=7)

org("mti", "Arvenne Ministry of Transport and Infrastructure",
    subj="The Ministry of Transport and Infrastructure",
    mid="the Ministry of Transport and Infrastructure", short="the ministry", kind="gov",
    group="ministry", source="government-press-office", domain="transport.gov-arvenne.example",
    url="/media/{year}/{seq}", style="weekday", place=None,
    topics={"transport": 4, "public safety": 2, "budget": 1},
    speakers=[("Leopold Amankwah", "Minister of Transport and Infrastructure", 2014, 2021, ALL),
              ("Ines Fairbairn", "Minister of Transport and Infrastructure", 2022, 2024, ALL),
              ("Kasimir Dunleavy", "the ministry's chief road safety adviser", 2014, 2024,
               ("public safety",))],
    about="Notes to editors: The Ministry of Transport and Infrastructure is responsible for "
          "national roads, railways, ports and the national transport fund.",
    quota=8)

org("awra", "Arvenne Water Regulation Authority",
    subj="The Arvenne Water Regulation Authority", mid="the Arvenne Water Regulation Authority",
    short="the authority", kind="gov", group="agency", source="public-bodies",
    domain="awra.example", url="/news/{year}/{seq}", style="iso", place=None,
    topics={"water": 4, "environment": 1, "health": 1},
    speakers=[("Dr Mirela Castellane",
               "chief executive of the Arvenne Water Regulation Authority", 2014, 2024, ALL),
              ("Tomasz Ekwueme", "director of drinking water quality at the authority",
               2014, 2024, ("water", "health"))],
    about="About the authority: The Arvenne Water Regulation Authority is the independent "
          "economic and drinking water quality regulator for the six regional water and "
          "sewerage suppliers in Arvenne.",
    quota=7)

org("olaq", "Office for Land and Air Quality", subj="The Office for Land and Air Quality",
    mid="the Office for Land and Air Quality", short="the office", kind="gov", group="agency",
    source="public-bodies", domain="olaq.example", url="/press/{id}", style="slash",
    place=None, topics={"environment": 4, "health": 2, "water": 1},
    speakers=[("Yusuf Harrowgate", "director of the Office for Land and Air Quality",
               2014, 2024, ALL),
              ("Dr Annelie Broekman", "chief scientist at the Office for Land and Air Quality",
               2014, 2024, ("environment", "health"))],
    about="About the Office for Land and Air Quality: The office monitors air quality, "
          "regulates industrial emissions and waste sites, and oversees the clean-up of "
          "contaminated land in Arvenne.",
    quota=7)

org("hsb", "Arvenne Housing Standards Board", subj="The Arvenne Housing Standards Board",
    mid="the Arvenne Housing Standards Board", short="the board", kind="gov", group="agency",
    source="public-bodies", domain="housing-standards.example", url="/news/{year}/{seq}",
    style="iso", place=None, topics={"housing": 4, "public safety": 2},
    speakers=[("Gwendolyn Okonkwo-Reiss", "chair of the Arvenne Housing Standards Board",
               2014, 2024, ALL),
              ("Piet Vandermolen", "head of inspections at the board", 2014, 2024,
               ("housing", "public safety"))],
    about="About the Arvenne Housing Standards Board: The board sets and enforces minimum "
          "standards for the safety and condition of rented homes and residential buildings "
          "in Arvenne.",
    quota=6)

org("nrt", "Northwater Regional Transit", subj="Northwater Regional Transit",
    mid="Northwater Regional Transit", short="the operator", kind="gov", group="agency",
    source="public-bodies", domain="nrt-transit.example", url="/newsroom/{year}/{seq}",
    style="isodt", place="Northwater", topics={"transport": 4, "labour": 1, "budget": 1},
    speakers=[("Rhiannon Castello", "managing director of Northwater Regional Transit",
               2014, 2020, ALL),
              ("Malik Fenwright", "managing director of Northwater Regional Transit",
               2021, 2024, ALL),
              ("Oona Hetherington", "head of network planning at Northwater Regional Transit",
               2014, 2024, ("transport",))],
    about="About Northwater Regional Transit: Northwater Regional Transit runs six tram lines "
          "and more than 120 bus routes in Northwater and the surrounding region, carrying "
          "around 190 million passengers a year.",
    quota=8)

org("rka", "Riverkeep Alliance", subj="The Riverkeep Alliance", mid="the Riverkeep Alliance",
    short="the Alliance", kind="civil", group="NGO", source="ngo-wire",
    domain="riverkeep.example", url="/press/{year}/{seq}", style="mdy", place=None,
    topics={"water": 4, "environment": 3},
    speakers=[("Farida Lockhart-Nunez", "director of the Riverkeep Alliance", 2014, 2024, ALL),
              ("Bram Okoro", "the Alliance's river monitoring coordinator", 2014, 2024,
               ("water", "environment"))],
    about="About the Riverkeep Alliance: The Riverkeep Alliance is a charity of more than "
          "6,000 volunteers who monitor, clean and campaign for the rivers of Arvenne.",
    quota=6)

org("tva", "Tenants' Voice Arvenne", subj="Tenants' Voice Arvenne",
    mid="Tenants' Voice Arvenne", short="Tenants' Voice", kind="civil", group="NGO",
    source="ngo-wire", domain="tenantsvoice.example", url="/news/{year}/{seq}", style="iso",
    place=None, topics={"housing": 5, "budget": 1},
    speakers=[("Delphine Mwangi-Carr", "national coordinator of Tenants' Voice Arvenne",
               2014, 2024, ALL),
              ("Saoirse Blackwood", "a tenant organiser with Tenants' Voice in Brackenford",
               2014, 2024, ("housing",))],
    about="About Tenants' Voice Arvenne: Tenants' Voice is a national organisation run by and "
          "for tenants, with 41 local branches. It offers free advice and campaigns for "
          "secure, affordable and decent homes.",
    quota=6)

org("lwf", "Lanternwire Foundation", subj="The Lanternwire Foundation",
    mid="the Lanternwire Foundation", short="the foundation", kind="civil", group="NGO",
    source="ngo-wire", domain="lanternwire.example", url="/press/{year}/{seq}",
    style="isodt", place=None,
    topics={"digital rights": 5, "public safety": 1, "education": 1},
    speakers=[("Ravi Thorsen", "executive director of the Lanternwire Foundation",
               2014, 2024, ALL),
              ("Elodie Nakamura-Price", "senior technologist at the Lanternwire Foundation",
               2014, 2024, ("digital rights",))],
    about="About the Lanternwire Foundation: The Lanternwire Foundation is an independent "
          "non-profit organisation that defends privacy, free expression and fair treatment "
          "in the digital world.",
    quota=6)

org("glc", "Greenlattice Coalition", subj="The Greenlattice Coalition",
    mid="the Greenlattice Coalition", short="the coalition", kind="civil", group="NGO",
    source="ngo-wire", domain="greenlattice.example", url="/news/{year}/{seq}", style="mdy",
    place=None, topics={"environment": 4, "transport": 2, "water": 1},
    speakers=[("Matthias Adeyemi-Holm", "campaigns director of the Greenlattice Coalition",
               2014, 2024, ALL),
              ("Noor Castellanos", "policy lead at the Greenlattice Coalition", 2014, 2024,
               ("environment", "transport"))],
    about="About the Greenlattice Coalition: The Greenlattice Coalition brings together more "
          "than 80 environmental, community and faith groups working for a fair and rapid "
          "transition to a low-carbon Arvenne.",
    quota=6)

org("tdwu", "Transit and Depot Workers' Union", subj="The Transit and Depot Workers' Union",
    mid="the Transit and Depot Workers' Union", short="the union", kind="civil",
    group="union", source="union-press", domain="tdwu.example", url="/press/{year}/{seq}",
    style="rfc", place="Northwater",
    topics={"labour": 4, "transport": 2, "public safety": 1},
    speakers=[("Conall Ferreira-Hughes",
               "general secretary of the Transit and Depot Workers' Union", 2014, 2024, ALL),
              ("Ayla Dorsey", "the union's Northwater branch chair", 2014, 2024,
               ("labour", "transport", "public safety"))],
    about="About the Transit and Depot Workers' Union: The union represents around 38,000 bus "
          "and tram drivers, engineers, cleaners and depot staff across Arvenne.",
    quota=5, sector="transport")

org("ancu", "Arvenne Nurses and Care Staff Union",
    subj="The Arvenne Nurses and Care Staff Union", mid="the Arvenne Nurses and Care Staff Union",
    short="the union", kind="civil", group="union", source="union-press",
    domain="ancu.example", url="/news/{year}/{seq}", style="iso", place=None,
    topics={"labour": 3, "health": 3},
    speakers=[("Marisol Ekberg", "general secretary of the Arvenne Nurses and Care Staff Union",
               2014, 2024, ALL),
              ("Joel Abernethy-Sato", "the union's head of health and safety", 2014, 2024,
               ("health", "labour"))],
    about="About the Arvenne Nurses and Care Staff Union: The union represents more than "
          "150,000 nurses, midwives, healthcare assistants and care workers.",
    quota=5, sector="health")

org("tfa", "Teachers' Federation of Arvenne", subj="The Teachers' Federation of Arvenne",
    mid="the Teachers' Federation of Arvenne", short="the federation", kind="civil",
    group="union", source="union-press", domain="teachers-federation.example",
    url="/press/{year}/{seq}", style="dmy", place=None, topics={"education": 4, "labour": 3},
    speakers=[("Niamh Okafor-Lund", "president of the Teachers' Federation of Arvenne",
               2014, 2024, ALL),
              ("Gideon Ferrante", "the federation's deputy general secretary", 2014, 2024,
               ("labour", "education"))],
    about="About the Teachers' Federation of Arvenne: The federation is the largest education "
          "union in Arvenne, representing 122,000 teachers and school leaders.",
    quota=5, sector="education")

org("mws", "Meridale Water Services", subj="Meridale Water Services",
    mid="Meridale Water Services", short="the company", kind="company", group="company",
    source="company-newsrooms", domain="meridale-water.example", url="/media/{year}/{seq}",
    style="iso", place=None, topics={"water": 5, "environment": 1},
    speakers=[("Harriet Quaye", "chief executive of Meridale Water Services", 2014, 2024, ALL),
              ("Luca Brennan-Oyelaran", "operations director at Meridale Water Services",
               2014, 2024, ("water",))],
    about="About Meridale Water Services: Meridale Water Services supplies drinking water to "
          "1.3 million people and treats wastewater for 1.1 million in the north-east of "
          "Arvenne.",
    quota=5)

org("qfs", "Quillfeather Systems", subj="Quillfeather Systems", mid="Quillfeather Systems",
    short="the company", kind="company", group="company", source="company-newsrooms",
    domain="quillfeather.example", url="/press/{year}/{seq}", style="isodt", place="Lindmark",
    topics={"digital rights": 1},
    speakers=[("Sven Adebayo-Marsh", "chief executive of Quillfeather Systems", 2014, 2024, ALL),
              ("Ottilie Grange", "chief privacy officer at Quillfeather Systems", 2014, 2024,
               ("digital rights",))],
    about="About Quillfeather Systems: Quillfeather Systems makes document, accounting and "
          "file-sharing software used by more than 40,000 businesses and public bodies. It is "
          "based in Lindmark.",
    quota=5)

org("tbc", "Tallowmere Building Co.", subj="Tallowmere Building Co.",
    mid="Tallowmere Building Co.", short="the company", kind="company", group="company",
    source="company-newsrooms", domain="tallowmere.example", url="/news/{year}/{seq}",
    style="mdy", place=None, topics={"housing": 3, "labour": 1, "public safety": 1},
    speakers=[("Declan Osterhout", "managing director of Tallowmere Building Co.", 2014, 2024,
               ALL),
              ("Imogen Velasquez-Tait", "head of site safety at Tallowmere Building Co.",
               2014, 2024, ("public safety", "labour"))],
    about="About Tallowmere Building Co.: Tallowmere Building Co. is an employee-owned "
          "construction company founded in Brackenford. It builds homes, schools and community "
          "buildings across the north of Arvenne.",
    quota=4)

# Twin cities abroad: their own releases are in their own languages (handwritten below).
org("lor", "Ville de Lorvanne", subj="La Ville de Lorvanne", mid="la Ville de Lorvanne",
    short="la ville", kind="gov", group="twin city", source="twin-cities",
    domain="lorvanne.example", url="/actualites/{year}/{seq}", style="iso", place=None,
    topics={}, speakers=[("Claire Duvivier-Anand", "Mayor of Lorvanne", 2014, 2024, ALL)],
    about="", quota=0, language="fr")
org("kel", "Stadt Kellbrück", subj="Die Stadt Kellbrück", mid="die Stadt Kellbrück",
    short="die Stadt", kind="gov", group="twin city", source="twin-cities",
    domain="kellbrueck.example", url="/presse/{year}/{seq}", style="isodt", place=None,
    topics={}, speakers=[("Dr Jutta Sommerfeld-Ekwall", "Mayor of Kellbrück", 2014, 2024, ALL)],
    about="", quota=0, language="de")
org("rib", "Ayuntamiento de Ribaclara", subj="El Ayuntamiento de Ribaclara",
    mid="el Ayuntamiento de Ribaclara", short="el ayuntamiento", kind="gov", group="twin city",
    source="twin-cities", domain="ribaclara.example", url="/noticias/{year}/{seq}",
    style="iso", place=None, topics={},
    speakers=[("Lucía Marmolejo Ferrán", "Mayor of Ribaclara", 2014, 2024, ALL)],
    about="", quota=0, language="es")


def speaker(o, year, topic=None, exclude=()):
    """(name, role) of someone at organisation o who could speak in `year`, preferring a
    specialist on `topic`."""
    active = [s for s in o["speakers"] if s[2] <= year <= s[3] and s[0] not in exclude]
    special = [s for s in active if topic and topic in s[4]]
    pool = special or active
    s = pool[0]
    return s[0], s[1]


def cap(s):
    return s[:1].upper() + s[1:]


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

STYLE_NAMES = {
    "iso": "ISO date (2019-03-14)",
    "isodt": "ISO date-time with offset (2019-03-14T09:30:00+01:00)",
    "mdy": "month day, year (March 14, 2019)",
    "dmy": "day month year (14 March 2019)",
    "weekday": "weekday, day month year, time (Thursday, 14 March 2019, 9:30 am)",
    "rfc": "RFC 2822 (Thu, 14 Mar 2019 09:30:00 +0100)",
    "slash": "year/month/day (2019/03/14)",
    "ym": "year-month only (2019-03)",
}


def format_date(d, style):
    y, m, day = d.year, d.month, d.day
    if style == "iso":
        return f"{y:04d}-{m:02d}-{day:02d}"
    if style == "isodt":
        return f"{y:04d}-{m:02d}-{day:02d}T{d.hour:02d}:{d.minute:02d}:00{TZ}"
    if style == "mdy":
        return f"{MONTHS[m - 1]} {day}, {y}"
    if style == "dmy":
        return f"{day} {MONTHS[m - 1]} {y}"
    if style == "weekday":
        h12 = d.hour % 12 or 12
        ampm = "am" if d.hour < 12 else "pm"
        return f"{DAYS[d.weekday()]}, {day} {MONTHS[m - 1]} {y}, {h12}:{d.minute:02d} {ampm}"
    if style == "rfc":
        return (f"{DAY3[d.weekday()]}, {day} {MON3[m - 1]} {y} "
                f"{d.hour:02d}:{d.minute:02d}:00 {TZ.replace(':', '')}")
    if style == "slash":
        return f"{y:04d}/{m:02d}/{day:02d}"
    if style == "ym":
        return f"{y:04d}-{m:02d}"
    raise ValueError(style)


def pick_time(rng):
    return (rng.choice([7, 8, 9, 9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 16, 17]),
            rng.choice([0, 0, 15, 30, 30, 45]))


def pick_date(rng, year, months=None):
    months = months or list(range(1, 13))
    while True:
        m = rng.choice(months)
        day = rng.randint(1, 31)
        try:
            d = dt.date(year, m, day)
        except ValueError:
            continue
        if d.weekday() >= 5 or d > LAST_DAY:
            continue
        h, mi = pick_time(rng)
        return dt.datetime(year, m, day, h, mi)


def season(month):
    return ["winter", "winter", "spring", "spring", "spring", "summer", "summer", "summer",
            "autumn", "autumn", "autumn", "winter"][month - 1]


# ---------------------------------------------------------------------------------------------
# Template filling: "[[a|b|c]]" picks one option, "{slot}" is filled from the context.
# ---------------------------------------------------------------------------------------------

CHOICE_RE = re.compile(r"\[\[([^\[\]]*)\]\]")


def expand(text, rng):
    return CHOICE_RE.sub(lambda mt: rng.choice(mt.group(1).split("|")), text)


class Ctx(dict):
    def __init__(self, gen):
        super().__init__()
        self.gen = gen

    def __missing__(self, key):
        value = self.gen(key)
        self[key] = value
        return value


def fill(text, ctx, rng):
    return expand(text, rng).format_map(ctx)


def thousands(n):
    return f"{n:,}"


def small(n):
    """Numbers below ten in words, as press offices write them."""
    return ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine"][n] if n < 10 else str(n)


NUMS = {
    "km": lambda r, y: f"{r.uniform(1.5, 11):.1f}",
    "homes": lambda r, y: thousands(r.randrange(18, 640) * 10),
    "homes_small": lambda r, y: str(r.randrange(24, 420)),
    "m": lambda r, y: f"{r.uniform(1.2, 48):.1f}",
    "m_big": lambda r, y: str(r.randrange(60, 640)),
    "m_small": lambda r, y: f"{r.uniform(0.5, 2.5):.1f}",
    "bn": lambda r, y: f"{r.uniform(1.1, 9.5):.1f}",
    "bn_small": lambda r, y: f"{r.uniform(0.2, 1.4):.1f}",
    "bn_total": lambda r, y: str(r.randrange(142, 191)),
    "pct": lambda r, y: str(r.randrange(6, 39)),
    "pct_hi": lambda r, y: str(r.randrange(55, 91)),
    "pct_hi2": lambda r, y: str(r.randrange(70, 91)),
    "pct_hi3": lambda r, y: str(r.randrange(51, 79)),
    "pct_small": lambda r, y: f"{r.uniform(0.6, 4.8):.1f}",
    "pct_res": lambda r, y: str(r.randrange(38, 62)),
    "pct_rent": lambda r, y: str(r.randrange(34, 53)),
    "pct_cover": lambda r, y: str(r.randrange(9, 17)),
    "pct_pass": lambda r, y: str(r.randrange(78, 92)),
    "pct_pass_prev": lambda r, y: str(r.randrange(77, 91)),
    "class_pct": lambda r, y: str(r.randrange(28, 47)),
    "class_pct_prev": lambda r, y: str(r.randrange(14, 27)),
    "qual": lambda r, y: f"{r.uniform(99.62, 99.97):.2f}",
    "n": lambda r, y: small(r.randrange(5, 19)),
    "zones": lambda r, y: str(r.randrange(9, 19)),
    "count": lambda r, y: str(r.randrange(40, 900)),
    "count_r": lambda r, y: str(r.randrange(5, 90) * 10),
    "count_small": lambda r, y: str(r.randrange(45, 260)),
    "count_k": lambda r, y: thousands(r.randrange(12, 480) * 1000),
    "count_vote": lambda r, y: thousands(r.randrange(30, 140) * 100),
    "weeks": lambda r, y: small(r.randrange(3, 15)),
    "schools": lambda r, y: str(r.randrange(12, 42)),
    "age": lambda r, y: r.choice(["50", "60", "65"]),
    "age_y": lambda r, y: r.choice(["19", "22"]),
    "wage": lambda r, y: f"{9.0 + 0.42 * (y - 2014) + r.uniform(0, 0.3):.2f}",
    "wage_pct": lambda r, y: f"{r.uniform(3.0, 8.5):.1f}",
    "fare": lambda r, y: f"{1.60 + 0.08 * (y - 2014):.2f}",
    "grant": lambda r, y: thousands(r.choice([800, 1000, 1200, 1500, 2000, 2500])),
    "grant_big": lambda r, y: thousands(r.randrange(9, 21) * 1000),
    "bill": lambda r, y: str(r.randrange(35, 90) * 10),
    "waitlist": lambda r, y: thousands(r.randrange(40, 190) * 100),
    "waiting": lambda r, y: thousands(r.randrange(280, 460) * 1000),
    "beds": lambda r, y: str(r.randrange(30, 91)),
    "staff": lambda r, y: thousands(r.randrange(12, 240) * 10),
    "survey": lambda r, y: thousands(r.randrange(400, 5200)),
    "apprentices": lambda r, y: str(r.randrange(12, 41)),
    "drivers": lambda r, y: str(r.randrange(80, 261)),
    "places": lambda r, y: thousands(r.randrange(4, 19) * 100),
    "deaths": lambda r, y: str(r.randrange(140, 261)),
    "deaths_air": lambda r, y: thousands(r.randrange(18, 35) * 100),
    "km_rail": lambda r, y: str(r.randrange(40, 141)),
    "sites": lambda r, y: str(r.randrange(120, 211)),
    "tonnes": lambda r, y: thousands(r.randrange(40, 221) * 1000),
    "trees": lambda r, y: thousands(r.randrange(20, 121) * 100),
    "fine": lambda r, y: thousands(r.randrange(40, 381) * 1000),
    "pay_pct": lambda r, y: f"{r.uniform(3.5, 9.0):.1f}",
    "pay_pct_low": lambda r, y: f"{r.uniform(1.0, 3.0):.1f}",
    "vote_pct": lambda r, y: str(r.randrange(58, 85)),
    "turnout": lambda r, y: str(r.randrange(52, 72)),
    "unemp": lambda r, y: f"{r.uniform(4.1, 8.6):.1f}",
    "hours": lambda r, y: str(r.randrange(51, 59)),
    "def_pct": lambda r, y: f"{r.uniform(1.2, 3.5):.1f}",
    "debt_pct": lambda r, y: str(r.randrange(41, 69)),
    "coupon": lambda r, y: f"{r.uniform(1.2, 3.6):.2f}",
    "ctax_pct": lambda r, y: f"{r.uniform(1.9, 4.9):.1f}",
    "ctax_d": lambda r, y: thousands(r.randrange(1400, 2100)),
    "k_small": lambda r, y: thousands(r.randrange(40, 181) * 1000),
    "crowd": lambda r, y: thousands(r.randrange(120, 301) * 1000),
    "gust": lambda r, y: str(r.randrange(90, 141)),
    "storm": lambda r, y: r.choice(["Ilse", "Marten", "Oriel", "Tamsin", "Vasco", "Brannoch"]),
    "n_rescue": lambda r, y: str(r.randrange(120, 341)),
    "n_apps": lambda r, y: str(r.randrange(20, 31)),
    "n_alerts": lambda r, y: str(r.randrange(60, 141)),
    "n_requests": lambda r, y: str(r.randrange(140, 901)),
    "bw": lambda r, y: str(r.randrange(68, 83)),
    "line": lambda r, y: r.choice(["1", "2", "3", "4", "5", "6"]),
    "gap": lambda r, y: str(r.randrange(9, 19)),
    "quarter": lambda r, y: r.choice(["first", "second", "third"]),
    "sensors": lambda r, y: thousands(r.randrange(12, 90) * 100),
    "floors": lambda r, y: r.choice(["six", "seven", "eight"]),
}


def make_ctx(rng, o, when, event_vars=None, city=None):
    """The slot values for one release by organisation o dated `when`."""
    city = city or o["place"] or rng.choice(CITY_NAMES)
    c = CITIES[city]
    y = when.year
    ctx = None

    def gen(key):
        if key in NUMS:
            return NUMS[key](rng, y)
        if key == "district":
            return rng.choice(c["districts"])
        if key == "district2":
            return rng.choice([d for d in c["districts"] if d != ctx["district"]])
        if key == "place2":
            return rng.choice([p for p in CITY_NAMES if p != city])
        if key == "bridge":
            return rng.choice(c["bridges"])
        if key == "site":
            return rng.choice(c["sites"])
        if key == "wage_young":
            return f"{float(ctx['wage']) * 0.8:.2f}"
        if key == "wage_app":
            return f"{float(ctx['wage']) * 0.6:.2f}"
        if key == "unemp_y":
            return f"{float(ctx['unemp']) * rng.uniform(2.1, 2.5):.1f}"
        if key == "def_pct_prev":
            return f"{float(ctx['def_pct']) + rng.uniform(0.3, 1.0):.1f}"
        if key == "ctax_inc":
            d = int(ctx["ctax_d"].replace(",", ""))
            return thousands(round(d * float(ctx["ctax_pct"]) / (100 + float(ctx["ctax_pct"]))))
        if key == "n_stops":
            return str(max(3, int(ctx["n_alerts"]) // rng.randrange(4, 9)))
        if key == "bw_exc":
            return str(int(ctx["bw"]) - rng.randrange(9, 26))
        if key.startswith("sp_"):
            other = ORGS[key[3:]]
            n, r = speaker(other, y)
            return f"{n}, {r}"
        raise KeyError(key)

    ctx = Ctx(gen)
    nxt = (when.month % 12) + 1
    prv = ((when.month - 2) % 12) + 1
    ctx.update({
        "Org": o["subj"], "org": o["mid"], "short": o["short"], "Short": cap(o["short"]),
        "name": o["name"], "domain": o["domain"], "place": city, "river": c["river"],
        "hospital": c["hospital"], "year": str(y), "prev_year": str(y - 1),
        "next_year": str(y + 1), "ny4": str(y + 5), "yy_next": f"{(y + 1) % 100:02d}",
        "month": MONTHS[when.month - 1], "next_month": MONTHS[nxt - 1],
        "prev_month": MONTHS[prv - 1], "season": season(when.month),
        "weekday_prev": DAYS[(when.weekday() - 1) % 7],
        "weekday_next": DAYS[(when + dt.timedelta(days=3)).weekday()],
    })
    for k, options in (event_vars or {}).items():
        v = rng.choice(options)
        ctx[k] = v
        ctx[k + "_lc"] = v[:1].lower() + v[1:]
    return ctx


# ---------------------------------------------------------------------------------------------
# Release types ("events"). who: org keys and/or kinds (gov, civil, company) that issue it.
# topics: primary first; "SECTOR" is replaced by the issuing union's own sector.
# quotes: without the closing punctuation. Each organisation uses a type at most max_uses times.
# ---------------------------------------------------------------------------------------------

EVENTS = []


def E(code, topics, who, title, lead, details, quotes, months=None, max_uses=3, vars=None):
    EVENTS.append(dict(code=code, topics=topics, who=who.split(), title=title, lead=lead,
                       details=details, quotes=quotes, months=months, max_uses=max_uses,
                       vars=vars or {}, uses=0))


# ---- water ----
E("W1", ["water"], "nwc sdc mws",
  "[[Work completed on|Final section finished in]] {km} km water main renewal in {district}",
  "{Org} has completed the replacement of {km} kilometres of ageing cast-iron water mains "
  "beneath {district}, [[ending|closing]] a programme of work that began [[eighteen months|two "
  "years|fourteen months]] ago and brought [[some of the|the]] longest roadworks the area has "
  "seen in a decade.",
  ["The old pipes, most of them laid [[in the 1920s|more than ninety years ago]], accounted for "
   "[[nearly a third|around a quarter|more than a fifth]] of the bursts recorded in {place} over "
   "the past five years. The new polyethylene mains are expected to last at least a century and "
   "will allow engineers to raise water pressure on upper floors, a long-standing complaint from "
   "residents of the district's tenement blocks.",
   "Crews worked in short sections of no more than [[80|100|120]] metres at a time to keep bus "
   "routes open, and every household on an affected street received at least 48 hours' written "
   "notice before its supply was switched over. [[Interruptions averaged just under four "
   "hours.|No property was without water for more than six hours.]]",
   "The scheme cost ARV {m} million and was paid for from {short}'s capital programme. Road "
   "surfaces in {district} will be fully reinstated by the end of {next_month}."],
  ["Nobody enjoys living next to a trench for a year, and I want to thank the people of "
   "{district} for their patience. What they get in return is a water supply that will not let "
   "them down",
   "These pipes were older than anyone living on the streets above them. Replacing them is "
   "unglamorous work, but it is exactly the kind of investment that keeps a city running"])

E("W2", ["water", "health"], "nwc sdc mws",
  "Boil-water notice lifted for {homes} homes in {district}",
  "Residents of {district} no longer need to boil their tap water before drinking it, {org} "
  "confirmed [[this morning|today]], after [[three|four|two]] consecutive rounds of sampling "
  "showed the supply was clear of contamination.",
  ["The precautionary notice was issued [[nine|six|eleven]] days ago when routine testing at "
   "the {district} service reservoir detected coliform bacteria. Engineers traced the problem "
   "to a damaged inspection hatch, which has since been replaced, and the reservoir has been "
   "drained, cleaned and disinfected.",
   "Bottled water stations at [[the community centre and two schools|the leisure centre|the "
   "library and the market hall]] closed at noon. Households that received priority deliveries "
   "of bottled water, including [[around|more than]] {count_r} registered vulnerable customers, "
   "are being contacted individually.",
   "Customers are advised to run the cold kitchen tap for two minutes before use and to "
   "[[clean|flush]] any water filters, ice makers and drinks machines connected to the mains."],
  ["I know how disruptive the last few days have been, and I am sorry. Our first duty is to "
   "make sure the water is safe, and we were not prepared to lift the notice until we were "
   "certain",
   "Staff worked through the night to find the cause, and I am grateful to the neighbours who "
   "checked on elderly residents while the notice was in place"])

E("W3", ["water", "health"], "awra",
  "Drinking water quality report {prev_year}: {qual}% of samples meet national standards",
  "Tap water in Arvenne remained of very high quality in {prev_year}, according to the annual "
  "report published today by {org}. Of the [[412,000|398,500|405,900|421,300]] samples taken "
  "from treatment works, service reservoirs and consumers' taps, {qual}% met every national "
  "standard.",
  ["The report identifies {zones} water supply zones where failures were concentrated, most of "
   "them "
   "in older housing areas still served by lead pipes. The authority has issued legally binding "
   "improvement notices to the suppliers responsible for [[four|five|three]] of those zones.",
   "Discolouration and taste remained the most common reasons for complaints, accounting for "
   "[[61|58|64]]% of the {count} contacts the authority received from the public. Complaints "
   "about hard water fell for the third year running.",
   "For the first time, the report includes a zone-by-zone table of lead results, which the "
   "authority says will let households check the risk in their own street."],
  ["People are right to expect that the water from their tap is safe, and for the overwhelming "
   "majority it is. But the failures that remain are concentrated in the same places year after "
   "year, and that is not acceptable",
   "Publishing the results street by street is about trust. If suppliers know residents can see "
   "the figures, they will fix the problems faster"])

E("W4", ["water", "environment"], "awra",
  "Regulator orders Meridale Water Services to cut leakage [[after missed targets|by {pct}%]]",
  "{Org} has issued an enforcement order requiring Meridale Water Services to reduce leakage by "
  "{pct}% within three years, after the company missed its agreed target for the "
  "[[second|third]] year in a row.",
  ["Figures submitted by the company show that an average of [[118|126|131]] million litres a "
   "day were lost from its network in {prev_year}, roughly one litre in every five put into "
   "supply. The authority's investigation found that the company had [[delayed|postponed]] "
   "planned mains replacement in {place} to reduce costs.",
   "Under the order the company must publish quarterly leakage figures, fund an independent "
   "audit of its repair times, and return ARV {m} million to customers through lower bills if "
   "it fails to meet the new milestones."],
  ["Every litre lost through a leaking pipe has been taken from a river, treated and pumped at "
   "customers' expense. Missing the target once was a warning. Missing it again is a failure we "
   "cannot ignore"], max_uses=2)

E("W5", ["water"], "nwc sdc mws",
  "Temporary [[hosepipe|garden watering]] restrictions for {place} after dry spell",
  "[[A temporary ban on|Temporary restrictions on]] using hosepipes to water gardens, fill "
  "paddling pools or wash cars will come into force in {place} from {weekday_next}, {org} "
  "announced today, after [[the driest {season}|one of the driest {season}s]] on record "
  "left reservoir levels at {pct_res}% of capacity.",
  ["Rainfall across the catchment has been [[less than half|around 40%]] of the long-term "
   "average since [[April|May]]. Demand for water has meanwhile risen by almost a fifth during "
   "warm evenings, when many households water their gardens at the same time.",
   "The restrictions do not apply to watering with a can, to commercial food growers or to "
   "anyone registered for help because of a disability. Allotment holders may use drip "
   "irrigation systems fitted with a timer.",
   "The restrictions will stay in place until reservoir levels recover. {Short} will review "
   "the position every fortnight and publish the levels on its website."],
  ["We do not take this step lightly. A few simple changes now, like using a watering can and "
   "leaving the car unwashed, will help make sure there is enough water for everyone through "
   "the rest of the {season}"], months=[6, 7, 8])

E("W6", ["water", "environment"], "rka",
  "Volunteer survey finds sewage overflows on {n} stretches of the River {river}",
  "Volunteers from {org} recorded sewage overflows or signs of recent discharges on {n} "
  "stretches of the River {river} during [[a six-week|an eight-week|a month-long]] survey, "
  "according to a report published today.",
  ["More than {count_r} volunteers walked the river from its source to the estuary, photographing "
   "outfalls, taking water samples and logging [[sewage fungus|sewage litter|foam and odour]] on "
   "the banks. Samples from [[seven|nine|five]] sites exceeded the bathing water limit for "
   "E. coli by a factor of ten or more.",
   "The report has been sent to the Arvenne Water Regulation Authority and to the supplier "
   "responsible for the treatment works upstream of {place}. {Short} is asking for the storm "
   "overflow data for each outfall to be published in real time."],
  ["Our volunteers went out in all weathers because they love this river. What they found "
   "should shame everyone responsible for it",
   "If a volunteer with a phone and a sample kit can find these discharges, so can the people "
   "who are paid to look for them"])

E("W7", ["water"], "rka glc",
  "[[Campaigners call|Call renewed]] for a clean water guarantee in law",
  "{Org} today called on the government to write a clean water guarantee into law, giving "
  "every household a legal right to safe drinking water and a supply that is restored within "
  "48 hours of any interruption.",
  ["The call follows [[a winter|a year]] in which {n} boil-water notices were issued across "
   "Arvenne. At present suppliers face no binding deadline to restore a safe supply, and "
   "compensation for households left without water is voluntary.",
   "The proposed clean water guarantee would also require suppliers to replace all remaining "
   "lead service pipes within ten years and to publish the results of every tap sample they "
   "take."],
  ["A clean water guarantee is not a slogan. It is a simple promise that should already be in "
   "law: if you turn on the tap, the water is safe, and if it is not, it will be put right "
   "quickly",
   "Households have waited long enough for promises. The clean water guarantee would turn them "
   "into duties"], max_uses=2)

E("W8", ["water", "environment"], "mws",
  "Meridale Water Services cuts leakage by {pct}% with acoustic sensor network",
  "{Org} has reduced leakage across its network by {pct}% in [[twelve|eighteen]] months after "
  "installing [[more than|almost]] {sensors} acoustic sensors on water mains in {place} and the "
  "surrounding villages.",
  ["The sensors listen for the [[distinctive hiss|characteristic noise]] of escaping water and "
   "send an alert to the company's control room overnight, when background noise is lowest. "
   "Repair crews now reach [[most|the majority of]] reported leaks within [[three|four]] days, "
   "compared with twelve days before the system was introduced.",
   "The company says the water saved is equivalent to the daily use of around {homes} homes, "
   "and that less water taken from the River {river} will leave more for wildlife in dry "
   "summers."],
  ["Finding a leak used to mean waiting for water to appear on the surface. Now we can hear it "
   "before anyone sees it, and that has changed the way our crews work"], max_uses=2)

E("W9", ["water", "budget"], "awra",
  "Regulator sets limits on water bills for {next_year} to {ny4}",
  "Average household water bills in Arvenne will rise by no more than {pct_small}% a year above "
  "inflation between {next_year} and {ny4}, under the final price determination published "
  "today by {org}.",
  ["The determination allows suppliers to spend ARV {bn} billion over the period, including "
   "ARV {m} million set aside for lead pipe replacement and [[storm overflow "
   "improvements|reducing storm overflows]]. Suppliers that fail to deliver agreed improvements "
   "will have to return money to customers.",
   "The authority rejected business plans from two suppliers as [[too expensive|poorly "
   "justified]] and has set a lower allowance for their operating costs.",
   "A social tariff, cutting bills by up to half for low-income households, will be mandatory "
   "for every supplier from {next_year}."],
  ["We have had to balance the need for investment against the pressure on household budgets. "
   "This settlement pays for the pipes and treatment works the country needs without asking "
   "customers to fund inefficiency"], max_uses=2)

E("W10", ["water", "health"], "nwc sdc",
  "Grants of up to ARV {grant} for households replacing lead water pipes",
  "Homeowners in {place} whose properties are still served by lead water pipes can now apply "
  "for a grant of up to ARV {grant} towards the cost of replacing them, under a scheme launched "
  "today by {org}.",
  ["Around {homes} properties in the area, most of them built before 1950, are thought to have "
   "lead pipes running between the boundary stopcock and the kitchen tap. Lead can dissolve "
   "into drinking water, particularly when water has been standing in the pipes overnight, and "
   "there is no safe level of exposure for young children.",
   "Landlords are eligible for a reduced grant if they agree not to raise rents as a result of "
   "the work. The supplier will replace the public section of the pipe at the same time free of "
   "charge."],
  ["Lead pipes belong in a museum, not under people's kitchens. This scheme means families no "
   "longer have to choose between the cost of replacement and the health of their children"],
  max_uses=2)

E("W11", ["water", "public safety"], "sdc",
  "Tidal flood barrier approved for {district}",
  "Councillors have approved plans for an ARV {m} million tidal flood barrier at {district}, "
  "protecting around {homes} homes and businesses from storm surges that have flooded the "
  "harbour [[three|four]] times in the past decade.",
  ["The barrier, a pair of steel gates that will close when high tides and strong onshore "
   "winds coincide, is designed to cope with the sea levels expected by the end of the century. "
   "Construction is due to start in {next_year} and take around two years.",
   "During construction a temporary flood wall will protect the harbour front, and the fish "
   "market will move to a site on [[Wrayside quay|the east pier]]."],
  ["Everyone who lives near the harbour remembers the night the water came over the quay. This "
   "barrier means families in {district} can go to bed on a stormy night without worrying about "
   "what they will wake up to"], max_uses=1)

E("W12", ["water", "environment", "health"], "olaq",
  "Bathing water results: {bw_exc} of {bw} sites rated excellent",
  "In {year}, {bw_exc} of Arvenne's {bw} designated bathing waters were rated excellent, "
  "according to results published today by {org}, [[while|and]] [[three|two]] sites were rated "
  "poor.",
  ["Sites rated poor will carry advice against bathing next season. Most of the failures were "
   "linked to sewage overflows and runoff from farmland after heavy summer rain.",
   "Samples are taken every week from May to September and tested for two types of bacteria "
   "that indicate pollution by sewage. Results for each site are published within a few days on "
   "the office's website."],
  ["Most of our beaches and lakes offer excellent water for swimming. The sites that fail do so "
   "for reasons that can be fixed, and we expect the people responsible to fix them"],
  months=[10, 11])

# ---- housing ----
E("H1", ["housing"], "nwc bfc sdc",
  "{homes_small} new council homes approved for {district}",
  "Plans for {homes_small} new council homes in {district} were approved by {org}'s planning "
  "committee [[last night|this week|on {weekday_prev}]], the largest single council housing "
  "scheme in {place} for [[more than thirty years|a generation]].",
  ["The homes, a mix of flats and family houses, will be built on [[a former bus depot|the "
   "site of a demolished 1960s estate|vacant council-owned land]] and let at social rents. [[Two "
   "in five|A third]] will have three or more bedrooms, and every home will meet the national "
   "standard for wheelchair accessibility.",
   "The scheme will be built to near-zero carbon standards with heat pumps, solar panels and "
   "triple glazing, which {short} estimates will cut tenants' energy bills by around ARV "
   "{bill} a year compared with a typical home of the same size.",
   "Work is expected to start on site in {next_year}, with the first tenants moving in "
   "[[eighteen months|two years]] later. There are currently {waitlist} households on the "
   "{place} housing register."],
  ["For too long families in {place} have been told to wait. These homes will be let at rents "
   "people can actually afford, and they will stay council homes for good",
   "This is what a council can do when it decides to build again. {homes_small} families will "
   "have a secure home, and we are not stopping here"])

E("H2", ["housing", "health"], "nwc bfc",
  "Winter shelter opens [[early|as temperatures drop]] in {place}",
  "{Org} has opened its emergency winter shelter [[a week earlier than planned|earlier than "
  "usual]] after forecasters warned of [[overnight frosts|sub-zero temperatures|a prolonged "
  "cold spell]] across {place}.",
  ["The shelter, in a converted [[office building|community hall|former school]] in "
   "{district}, has {beds} beds and will stay open every night until the end of March. Guests "
   "are offered a hot meal, a shower and help from housing and health workers to find "
   "longer-term accommodation.",
   "Last winter [[almost|more than]] {count_r} people used the shelter at least once, and "
   "{short} says [[more than half|around two thirds]] of them moved on to settled housing.",
   "Anyone worried about someone sleeping rough can call the outreach team, which aims to visit "
   "within two hours between 7 pm and 7 am."],
  ["No one should have to sleep outside in weather like this. The shelter is a first step, and "
   "our staff will work with every guest to make sure it is not their last"],
  months=[11, 12])

E("H3", ["housing", "health"], "hsb",
  "Inspections find serious damp and mould in {pct}% of rented homes checked",
  "Inspectors from {org} found serious damp or mould in {pct}% of the {count} privately rented "
  "homes they visited in {place} during [[a targeted campaign|a three-month inspection "
  "campaign]], according to figures published today.",
  ["The most common causes were [[leaking gutters and roofs|broken extractor fans and leaking "
   "roofs]], poorly fitted windows and a lack of affordable heating. In [[43|38|51]] properties "
   "inspectors judged the conditions to pose an immediate risk to the health of the occupants, "
   "most often [[young children|children under five]] or people with lung conditions.",
   "Landlords of the affected homes have been served with improvement notices giving them "
   "[[28|21]] days to begin repairs. Those who fail to comply face fines of up to ARV 30,000 and "
   "may be barred from letting property."],
  ["Mould is not a lifestyle problem and it is not caused by tenants drying clothes. It is a "
   "defect, and landlords have a legal duty to fix it",
   "Families should not have to choose between heating their homes and breathing clean air. We "
   "will keep inspecting until these figures come down"])

E("H4", ["housing", "public safety"], "hsb",
  "New fire safety standard for residential buildings over {floors} storeys",
  "All new residential buildings taller than {floors} storeys will have to be fitted with "
  "sprinklers, two protected staircases and non-combustible external walls under a new "
  "standard announced today by {org}.",
  ["The standard also requires owners of existing blocks to carry out a fire risk assessment "
   "every year, share the results with residents, and replace any combustible cladding within "
   "[[five|seven]] years. An estimated {count} buildings across Arvenne will need some remedial "
   "work.",
   "The costs of remediation may not be passed on to leaseholders through service charges. A "
   "public fund of ARV {m} million will support owners who can show they cannot meet the "
   "costs."],
  ["Residents of tall buildings deserve to know that the walls around them will not burn and "
   "that there is a safe way out. This standard puts that beyond doubt"], max_uses=1)

E("H5", ["housing"], "tva",
  "Survey: [[renters|tenants]] in {place} spend {pct_rent}% of their income on rent",
  "Private tenants in {place} now spend an average of {pct_rent}% of their take-home pay on "
  "rent, according to a survey of {survey} renters published today by {org}.",
  ["[[One in four|Almost a third of]] respondents said they had cut back on food or heating to "
   "pay the rent in the past year, and one in eight had borrowed money from family or a payday "
   "lender. Rents on new lets in the city rose by {pct_small}% in the twelve months to "
   "{prev_month}. The organisation is campaigning for a fair rent charter that would limit rent "
   "rises to once a year.",
   "Younger tenants and single parents were hardest hit. Respondents aged under 30 spent on "
   "average more than half of their income on housing costs."],
  ["These are not people living beyond their means. They are nurses, shop workers and students "
   "who are being squeezed until there is nothing left at the end of the month",
   "The figures show why renters need more than sympathy. They need rents they can plan around "
   "and homes they cannot be thrown out of on a whim"])

E("H6", ["housing"], "tva",
  "Tenants launch fair rent charter [[for {place}|ahead of council elections]]",
  "{Org} today launched a fair rent charter for {place}, setting out [[six|seven]] commitments "
  "it wants every landlord, letting agent and council candidate to sign up to.",
  ["The fair rent charter asks landlords to limit rent increases to once a year and to no more "
   "than inflation, to carry out repairs within agreed timescales, to return deposits within "
   "[[ten|fourteen]] days and to give at least four months' notice before ending a tenancy for "
   "any reason.",
   "[[More than|Over]] {n} landlords and [[two|three]] letting agencies in {place} have already "
   "signed the charter. Tenants' Voice will publish a list of signatories on its website and "
   "update it every month."],
  ["The fair rent charter is not radical. It asks landlords to do what good landlords already "
   "do, and it gives tenants a way to tell the good from the bad"], max_uses=2)

E("H7", ["housing"], "tva",
  "[[Call to end|Campaign launched against]] no-fault evictions as [[notices rise|cases climb]] "
  "in {place}",
  "The number of households in {place} served with a no-fault eviction notice rose by {pct}% "
  "last year, {org} said today as it called for the practice to be abolished.",
  ["Under current law a landlord can end a periodic tenancy with two months' notice without "
   "giving any reason. Advice workers say tenants who complain about repairs are [[much more "
   "likely|disproportionately likely]] to receive a notice within six months.",
   "The organisation wants the government to require landlords to give a legitimate reason, "
   "such as selling the property or moving into it, and to pay relocation costs when they do. "
   "It also wants the fair rent charter adopted by every council."],
  ["A home is not secure if it can be taken away without a reason. Families are afraid to ask "
   "for a boiler to be fixed in case the answer is an eviction notice"], max_uses=2)

E("H8", ["housing"], "tbc",
  "Tallowmere Building Co. hands over {homes_small} homes at {site}",
  "{Org} has handed over the final {homes_small} homes at {site} in {place}, completing "
  "[[a development|a two-phase scheme]] that has turned a [[derelict|vacant]] industrial site "
  "into a new neighbourhood.",
  ["The development includes [[a nursery|a health centre]], a small park and ground-floor "
   "workshops let to local businesses. [[Forty|Thirty-five]] per cent of the homes are "
   "affordable, let through a housing association at below-market rents.",
   "The company employed {apprentices} apprentices on the site, most of them from {place}, and "
   "says all of the timber used in construction came from certified sources."],
  ["We are proud of what has been built here, but we are prouder of the people who built it. "
   "Most of our apprentices came from within a few kilometres of the site"], max_uses=2)

E("H9", ["housing", "budget"], "mof",
  "ARV {bn} billion fund to [[speed up|support]] affordable housebuilding",
  "{Org} will make ARV {bn} billion available over five years in low-cost loans to councils "
  "and housing associations building homes for social rent, the Minister of Finance announced "
  "today.",
  ["The loans, at interest rates [[1.5|2]] percentage points below the government's own "
   "borrowing costs, are expected to support the construction of around {homes} homes. "
   "Councils will be able to borrow against future rental income without the loans counting "
   "towards their borrowing limits.",
   "Applications open in {next_month}. Priority will be given to schemes on brownfield land and "
   "to those that meet the national near-zero carbon standard."],
  ["Every home built at a social rent saves the public purse money for decades, in lower "
   "housing benefit and in fewer families in temporary accommodation. This fund is an "
   "investment, not a cost"], max_uses=2)

E("H10", ["housing"], "bfc nwc",
  "{count_small} empty homes brought back into use in {place}",
  "{Org} has brought {count_small} long-term empty homes back into use in the past year through "
  "a combination of grants, loans and, in [[a handful of|a small number of]] cases, compulsory "
  "purchase.",
  ["Properties that have been empty for more than two years now pay a council tax premium of "
   "[[200|300]]%, and {short}'s empty homes officer contacts every owner to offer advice on "
   "renovation and letting.",
   "[[Fourteen|Nine|Twelve]] of the homes have been let to families on the housing register "
   "through a leasing scheme in which {short} guarantees the rent for five years."],
  ["An empty house is a wasted home and, too often, a magnet for damp and vandalism that spreads "
   "to the neighbours. Bringing empty homes back into use is one of the quickest ways to "
   "increase supply"])

E("H11", ["housing"], "tbc",
  "Work begins on {homes_small} homes at {site}",
  "{Org} has started work on {homes_small} new homes at {site} in {place}, [[following|after]] "
  "the [[granting of planning permission|purchase of the site]] last year.",
  ["The scheme includes [[homes for social rent, shared ownership and private sale|a mix of one- "
   "to four-bedroom homes]], with [[a new public square|a riverside walk]] at its centre. The "
   "first homes are expected to be completed in {next_year}.",
   "Construction traffic will use a temporary entrance [[off the ring road|from the main road]] "
   "to keep it away from nearby schools."],
  ["This site has been empty for too long. We are looking forward to turning it into a place "
   "where people want to live"], max_uses=2)

# ---- transport ----
E("T1", ["transport"], "nrt",
  "[[More frequent|Extra]] trams on Line {line} from {next_month}",
  "Trams on Line {line} between {district} and {district2} will run every [[six|five|seven]] "
  "minutes during the day from {next_month}, {org} announced today, compared with every ten "
  "minutes at present.",
  ["The change follows a {pct}% rise in passenger numbers on the line since [[the new "
   "park-and-ride opened|the route was extended]], with [[standing room only|overcrowding]] "
   "common on morning services. [[Four|Five|Three]] additional trams, delivered earlier this "
   "year, will be used to run the extra services.",
   "Evening and Sunday services will also run later, with the last tram leaving {district} at "
   "[[00:30|00:15]]."],
  ["Passengers have told us clearly that the trams are too crowded at peak times. More frequent "
   "services mean shorter waits and more space, and we hope they will persuade more people to "
   "leave the car at home"])

E("T2", ["transport"], "nrt",
  "Night bus network [[to expand|grows]] to {n} routes",
  "{Org} will expand its night bus network to {n} routes from {next_month}, adding services to "
  "{district} and {district2}, which have not had a bus after midnight for [[more than a "
  "decade|many years]].",
  ["The night bus network runs on Friday and Saturday nights, with [[half-hourly|hourly]] "
   "departures from the city centre until 5 am. The new routes were chosen after a consultation "
   "in which [[shift workers|hospitality and hospital staff]] said they had no safe way to get "
   "home after late shifts.",
   "The expansion is funded for two years by the operator and the city council. Passenger "
   "numbers will be reviewed after twelve months."],
  ["The city does not stop at midnight, and neither should the buses. For cleaners, nurses and "
   "bar staff, a reliable night bus network is the difference between getting home safely and "
   "walking or paying for a taxi they cannot afford"], max_uses=2)

E("T3", ["transport", "budget"], "nrt nwc",
  "Fares frozen for {next_year} on [[buses and trams|all regional transit services]]",
  "Bus and tram fares in {place} will be frozen for {next_year}, {org} confirmed today, with "
  "the price of a single journey held at ARV {fare}.",
  ["The freeze will cost around ARV {m} million, to be met from the regional transport budget "
   "and [[a one-off grant|a contribution]] from the city council. Monthly and annual passes, "
   "which are used by most regular commuters, will also stay at their current prices.",
   "Children under 12 will continue to travel free, and the [[half-price|discounted]] fare for "
   "students and jobseekers is unchanged."],
  ["Household budgets are under enormous pressure and a fare rise now would have pushed people "
   "back into their cars. Freezing fares is the right thing for passengers and for the city"],
  months=[10, 11, 12])

E("T4", ["transport", "public safety"], "mti",
  "Road deaths fall by {pct}% in {prev_year}, [[provisional|latest]] figures show",
  "[[The number of people killed on Arvenne's roads|Road deaths in Arvenne]] fell by {pct}% in "
  "{prev_year} to {deaths}, according to provisional figures published today by {org}.",
  ["Serious injuries fell more slowly, to {count_k}. [[Pedestrian deaths rose slightly, from 41 "
   "to 44.|Cyclist casualties were broadly unchanged.]] Motorcyclists and people aged over 70 "
   "remain the most likely to be killed or seriously injured relative to the distance they "
   "travel.",
   "Speed was a contributory factor in more than a third of fatal collisions. The ministry will "
   "extend average-speed cameras to a further {n} stretches of rural road next year."],
  ["Every one of these numbers is a person who did not come home. The fall is welcome, but we "
   "will not be satisfied while families are still receiving that knock on the door"])

E("T5", ["transport", "budget"], "mti",
  "Contract signed to electrify the {place}–{place2} railway",
  "{Org} has signed a contract worth ARV {bn} billion to electrify the {km_rail} km railway "
  "between {place} and {place2}, cutting journey times and replacing the diesel trains that "
  "run on the line.",
  ["Work will be carried out mainly at night and at weekends to limit disruption, with the line "
   "closed for a total of [[nine|twelve]] weekends over three years. Station platforms will be "
   "lengthened to take [[eight-carriage|longer]] trains.",
   "Once complete, the fastest journey between the two cities will take [[42|38|47]] minutes, "
   "around a quarter less than today, and carbon emissions from the line will fall by an "
   "estimated {pct_hi2}%."],
  ["This is the biggest investment in the line since it was built. Faster, cleaner and more "
   "reliable trains will bring {place} and {place2} closer together"])

E("T6", ["transport", "environment"], "nwc bfc",
  "{km} km of protected cycle lanes planned for {district}",
  "{Org} has published plans for {km} kilometres of cycle lanes in {district}, separated from "
  "traffic by kerbs or planters, and is asking residents for their views until the end of "
  "{next_month}.",
  ["The proposed route links {district} with the city centre and [[two secondary schools|the "
   "railway station]]. Parking would be removed from [[one side|sections]] of [[three|four]] "
   "streets, and a 30 km/h limit introduced on residential roads inside the scheme.",
   "Traffic counts carried out last year found that [[one in five|almost a quarter of]] car "
   "journeys starting in the district were shorter than three kilometres."],
  ["Many parents tell us they would love their children to cycle to school but do not feel it "
   "is safe. Protected lanes change that, and we want to hear from everyone who lives and works "
   "in {district} before we decide"])

E("T7", ["transport", "environment"], "glc",
  "Coalition urges [[government|ministers]] to fund rural bus services",
  "{Org} today published research showing that {pct_hi}% of villages in the {place} region now "
  "have no bus service on Sundays, and urged the government to guarantee a minimum level of "
  "public transport for every community.",
  ["The research found that rural bus mileage has fallen by [[almost a third|more than a "
   "quarter]] in ten years. Households without a car, including many older people and "
   "teenagers, increasingly rely on lifts or expensive taxis to reach work, school and hospital "
   "appointments.",
   "The coalition is calling for a national rural transport fund, paid for by redirecting a "
   "share of road-building spending, and for every village of more than 300 people to have at "
   "least an hourly daytime service."],
  ["We cannot cut emissions from transport while telling people in the countryside that the "
   "only way to get anywhere is to drive. A decent bus service is climate policy"], max_uses=2)

E("T8", ["transport"], "nwc bfc sdc",
  "{bridge} Bridge to close for {weeks} weeks of repairs",
  "{bridge} Bridge in {place} will close to traffic for {weeks} weeks from {next_month} while "
  "engineers replace [[its expansion joints|the waterproofing of the deck|corroded bearings]], "
  "{org} announced today.",
  ["Pedestrians and cyclists will be able to cross throughout the works on a protected walkway. "
   "Diversions for drivers will be signed, and bus routes that use the bridge will be diverted "
   "with extra journey time of around [[ten|fifteen]] minutes.",
   "Inspections last year found that water getting into the structure had [[corroded|damaged]] "
   "several steel components. The bridge is safe to use, but [[delaying the work|leaving the "
   "repairs]] would mean a longer closure in future."],
  ["I know a closure like this will be frustrating, and we have planned the work to be as short "
   "as we can make it. Doing it now avoids a much longer and more expensive closure later"])

E("T9", ["transport", "education"], "mti",
  "Free bus travel for under-{age_y}s from {next_month}",
  "Young people aged under {age_y} will be able to travel free on buses anywhere in Arvenne "
  "from {next_month}, {org} announced today.",
  ["[[An estimated|Around]] {count_k} young people are expected to apply for the travel card in "
   "the first year. Cards can be ordered online or at any library, and school pupils will "
   "receive an application form through their school.",
   "The scheme will cost around ARV {m} million a year and will be reviewed after three years. "
   "Bus operators will be reimbursed for each journey made."],
  ["Young people should not have to turn down a college place or a first job because they "
   "cannot afford the bus fare. This will open doors for a whole generation"], max_uses=1)

E("T10", ["transport", "budget"], "mti",
  "ARV {m_big} million for local road repairs",
  "Councils will share ARV {m_big} million to repair potholes and resurface local roads over "
  "the next year, {org} announced today.",
  ["The money will be allocated according to the length of each council's road network and "
   "the condition of its roads, as measured by the national road survey. Councils must publish "
   "a list of the roads they plan to repair by the end of {next_month}.",
   "Councils that can show they have reduced the time taken to fix reported potholes will "
   "receive a share of an additional incentive fund."],
  ["Potholes are a menace to drivers, cyclists and motorcyclists alike, and they cost motorists "
   "money in damaged tyres and wheels. This funding will fix thousands of them"], max_uses=2)

# ---- health ----
E("He1", ["health"], "moh",
  "Seasonal flu vaccination programme opens to over-{age}s",
  "Adults aged {age} and over, pregnant women and people with long-term health conditions can "
  "now book a free flu vaccination at their GP surgery or local pharmacy, {org} announced "
  "today.",
  ["This year the programme has been extended to include all primary school children, who will "
   "be offered a nasal spray vaccine at school. Health workers and care home staff are also "
   "eligible.",
   "Last winter [[68|71|64]]% of people aged over 65 were vaccinated, below the national target "
   "of 75%. Uptake among pregnant women was lower still, at [[43|47]]%."],
  ["Flu is not a bad cold. Every winter it puts thousands of people in hospital, and "
   "vaccination remains the best protection we have. Please book your appointment as soon as "
   "you are invited"], months=[9, 10])

E("He2", ["health"], "moh",
  "New {facility} opens at {hospital}",
  "A new {facility} opened to patients at {hospital} in {place} today, [[the largest|one of the "
  "largest]] hospital building projects in the region for a decade.",
  ["The ARV {m} million building has {beds} beds and [[single rooms with their own "
   "bathrooms|treatment bays designed to reduce the spread of infection]]. It replaces "
   "facilities that dated from the 1970s and that staff described as cramped and difficult to "
   "keep clean.",
   "[[Around|More than]] {staff} staff will work in the new {facility}, including "
   "[[60|45|80]] posts that have been newly created."],
  ["Patients and staff have waited a long time for this. Modern buildings are not a luxury; "
   "they help people recover faster and let staff do the jobs they trained for"],
  vars={"facility": ["emergency department", "cancer treatment centre", "maternity unit",
                     "children's ward"]})

E("He3", ["health"], "moh",
  "Hospital waiting lists fall for [[the third month running|a second quarter]]",
  "The number of patients waiting for planned hospital treatment in Arvenne fell to {waiting} "
  "at the end of {prev_month}, according to figures published today by {org}.",
  ["The median wait for treatment is now [[11|12|14]] weeks. However, {count_k} patients have "
   "been waiting more than a year, most of them for orthopaedic surgery, and the number waiting "
   "for a first mental health appointment has risen.",
   "The ministry attributes the fall to the opening of [[three|two]] surgical hubs that carry "
   "out routine operations separately from emergency care, and to extra weekend clinics."],
  ["The direction of travel is right, but behind every number is someone in pain or worried "
   "about a diagnosis. We will not let up until people are treated within the time they are "
   "promised"], max_uses=2)

E("He4", ["health"], "moh",
  "24-hour mental health helpline goes live nationwide",
  "A free, round-the-clock mental health helpline staffed by trained counsellors went live "
  "across Arvenne today, {org} announced.",
  ["Callers can speak to a counsellor in several languages, and will be offered a follow-up "
   "call and referral to local services if they need further support. Text and web chat "
   "services will be added [[later this year|next year]].",
   "The helpline will be staffed by {staff} counsellors working in shifts, and will cost ARV "
   "{m} million a year to run."],
  ["No one should have to wait until morning to talk to someone when they are struggling. This "
   "service means that whatever the time, there is a person at the end of the line"],
  max_uses=1)

E("He5", ["health", "environment"], "olaq",
  "High ozone levels expected in {place} [[this weekend|over the next two days]]",
  "{Org} has issued a high air pollution alert for {place} and the surrounding area, with "
  "ozone levels forecast to reach band [[7|8]] on the ten-point scale during [[hot, still "
  "weather|the heatwave]].",
  ["People with asthma or heart and lung conditions, and older people, are advised to avoid "
   "strenuous activity outdoors in the afternoon, when ozone levels are highest, and to carry "
   "any reliever medication.",
   "Ozone forms when sunlight acts on pollution from vehicles and industry, and levels tend to "
   "be highest on hot days with little wind. The office is asking drivers to avoid unnecessary "
   "journeys [[and to switch off engines when parked|while the alert is in place]]."],
  ["Most people will not notice any effects, but for those with heart or lung conditions high "
   "ozone can be serious. Please look out for neighbours and relatives who may be vulnerable"],
  months=[6, 7, 8])

E("He6", ["health", "labour"], "ancu",
  "[[Nurses' survey|Survey of nurses]]: {pct_hi3}% say shifts are regularly unsafe",
  "In a survey by {org}, {pct_hi3}% of nurses and care workers said the wards or homes they "
  "worked in were regularly staffed at unsafe levels, and [[two thirds|more than "
  "half]] said they had missed breaks to cover gaps.",
  ["The survey of {survey} members, carried out in {prev_month}, found that [[one in "
   "three|almost a quarter]] were considering leaving the profession within two years. The most "
   "common reasons given were workload, pay and the cost of travelling to work.",
   "The union is calling for legally enforceable staffing ratios in hospitals and care homes, "
   "similar to those introduced in [[several other countries|other health systems]]."],
  ["Our members went into nursing to care for people, and they are being asked to do it with "
   "one pair of hands where there should be three. That is not safe for patients and it is not "
   "sustainable for staff"], max_uses=2)

E("He7", ["health"], "moh",
  "Parents urged to check children's vaccinations after measles cases in {place}",
  "{Org} is urging parents to make sure their children have had both doses of the MMR vaccine "
  "after {n} confirmed cases of measles in {place} since the start of {month}.",
  ["Measles is highly infectious and can lead to serious complications, including pneumonia and "
   "encephalitis. [[Most|All but two]] of the cases are in children who had not been "
   "vaccinated.",
   "Extra vaccination clinics will be held at schools and community centres in {district} over "
   "the coming weeks. Anyone who has symptoms, which include a high temperature and a rash, "
   "should phone their GP surgery rather than attend in person."],
  ["The MMR vaccine is safe and very effective, and it is never too late to catch up. Two doses "
   "give lifelong protection"], max_uses=2)

E("B8", ["budget", "health"], "moh",
  "[[Extra|Additional]] ARV {m_big} million for community health services",
  "Community health services will receive an additional ARV {m_big} million next year, {org} "
  "announced today, with the money targeted at district nursing, physiotherapy and care for "
  "people with long-term conditions at home.",
  ["The funding is intended to reduce pressure on hospitals by helping patients to leave "
   "hospital sooner and avoid admission in the first place. [[Around|Up to]] {staff} community "
   "nursing posts will be created.",
   "Regional health boards will have to publish plans showing how the money will be spent by "
   "the end of {next_month}."],
  ["Most care happens outside hospital, and that is where most people want to be looked after. "
   "This investment will help more patients stay safely at home"], max_uses=2)

# ---- education ----
E("E1", ["education"], "moe",
  "School-leaving exam results: {pct_pass}% achieve the [[full diploma|national diploma]]",
  "This {season}, {pct_pass}% of students who sat the national school-leaving examinations "
  "achieved the full diploma, compared with {pct_pass_prev}% last year, according to results "
  "published today by {org}.",
  ["The gap between students from the most and least affluent areas narrowed slightly but "
   "remains [[wide|substantial]], at {gap} percentage points. Results in mathematics improved "
   "for the [[second|third]] year running.",
   "Students who did not achieve the results they hoped for can request a review of their "
   "marks until the end of {next_month}, and resit examinations will be held in the autumn."],
  ["Congratulations to every student receiving results today, and to the teachers and families "
   "who supported them. Whatever the envelope says, there are many routes to a good future"],
  months=[7, 8])

E("E2", ["education", "budget"], "moe",
  "{schools} schools to be rebuilt or refurbished in [[new programme|next phase of building "
  "programme]]",
  "A total of {schools} schools [[across Arvenne|in {place} and neighbouring districts]] will be "
  "rebuilt "
  "or substantially refurbished over the next five years, {org} announced today, as part of an "
  "ARV {bn} billion programme to replace the buildings in the worst condition.",
  ["The schools were selected following a national survey of school buildings, which found "
   "[[concrete panels|roofs and heating systems]] in need of urgent replacement [[in more than "
   "300 schools|across the estate]]. New buildings will be designed to near-zero carbon "
   "standards.",
   "Pupils will be taught in temporary classrooms on site during construction wherever "
   "possible."],
  ["Children cannot learn well in classrooms where the roof leaks and the heating fails every "
   "winter. These schools will be places that pupils and teachers are proud of"])

E("E3", ["education", "health"], "moe",
  "Free school meals extended to all primary pupils",
  "All children in primary schools in Arvenne will be entitled to a free lunch from the start "
  "of the next school year, {org} announced today, extending a scheme that currently covers "
  "only families on the lowest incomes.",
  ["Around {count_k} additional pupils are expected to benefit. Schools will receive ARV {m} "
   "million to upgrade kitchens and dining halls, and menus will have to meet revised nutrition "
   "standards that limit sugar and processed meat.",
   "A pilot in {place} found that attendance rose and [[teachers reported better concentration "
   "in afternoon lessons|fewer pupils visited the school nurse]] after universal free meals "
   "were introduced."],
  ["A hungry child cannot learn. Making lunch free for every primary pupil removes the stigma "
   "and the paperwork and means no child falls through the gaps"], max_uses=1)

E("E4", ["education", "digital rights"], "moe",
  "Digital literacy and online privacy to become part of the [[core|national]] curriculum",
  "Pupils aged [[eleven|twelve]] to sixteen will learn how online platforms collect and use "
  "personal data, how to recognise misleading content and how to protect their own privacy, "
  "under curriculum changes announced today by {org}.",
  ["The new units, to be taught from {next_year}, were drawn up with teachers, researchers and "
   "digital rights groups. They replace an older computing syllabus that [[focused mainly on "
   "office software|teachers described as out of date]].",
   "Schools will receive funding for teacher training, and a set of free lesson materials will "
   "be published under an open licence."],
  ["Young people spend much of their lives online, and they deserve to understand how that "
   "world works and who profits from their attention. This is as basic now as learning to read "
   "a bus timetable"], max_uses=1)

E("E5", ["education", "labour"], "tfa",
  "Class sizes [[rising|at record high]], teachers' survey finds",
  "In a survey by {org}, {class_pct}% of primary teachers said they were teaching classes of "
  "more than 30 pupils, compared with {class_pct_prev}% five years ago.",
  ["The survey of {survey} teachers also found that [[four in ten|more than a third]] had "
   "[[bought classroom materials with their own money|no teaching assistant support]] in the "
   "past term. Respondents in {place} reported the largest classes.",
   "The federation is calling for a legal maximum class size of 28 and for funding to recruit "
   "an additional {staff} teachers."],
  ["Every teacher knows what happens when a class gets too big: the quiet child at the back "
   "gets less attention, and the child who is struggling falls further behind. Our members are "
   "doing their best, but they cannot split themselves in two"], max_uses=2)

E("E7", ["education"], "nwc bfc",
  "New library and learning centre opens in {district}",
  "A new library and adult learning centre opened in {district} [[this morning|today]], "
  "replacing a branch library that had [[closed in {prev_year} because of structural "
  "problems|been housed in a temporary building for eight years]].",
  ["As well as [[around 30,000|more than 25,000]] books, the centre offers free computer and "
   "internet access, language classes, a children's corner and meeting rooms that community "
   "groups can book at no charge.",
   "It will be open six days a week, including late evenings on [[Tuesdays and "
   "Thursdays|Wednesdays]], with staff on hand to help residents with job applications and "
   "online forms."],
  ["A library is one of the few places left where you can stay as long as you like without "
   "spending money. This building will be a home for readers, learners and anyone who needs a "
   "warm, welcoming place"], max_uses=2)

E("E8", ["digital rights", "education"], "lwf",
  "[[Report|Study]]: education apps share pupils' data with advertisers",
  "{napps_bad} of the {n_apps} education apps most widely used in Arvenne's schools send "
  "pupils' personal data to third-party advertising or analytics companies, according to "
  "research published today by {org}.",
  ["Researchers examined the network traffic of each app on a test device. Data shared "
   "included device identifiers, approximate location and, in [[two|three]] cases, pupils' "
   "names and class details. None of the apps made this clear in the information provided to "
   "parents.",
   "The foundation is calling on the Ministry of Education to publish a list of approved apps "
   "that meet minimum privacy standards, and for schools to be given guidance on assessing new "
   "tools."],
  ["Children are required to use these apps for homework. They have no way to opt out, and "
   "neither do their parents. That makes it all the more important that the apps respect their "
   "privacy"], max_uses=1, vars={"napps_bad": ["Eleven", "Nine", "Seven"]})

E("E9", ["education", "labour"], "moe",
  "Bursaries of ARV {grant_big} to attract {subjects} teachers",
  "Graduates training to teach {subjects} will receive a tax-free bursary of up to ARV "
  "{grant_big}, {org} announced today, in an effort to fill a growing number of vacancies in "
  "secondary schools.",
  ["Schools reported {count} unfilled teaching posts at the start of the school year, "
   "[[almost half|more than a third]] of them in {subjects}. Teachers in these subjects who stay "
   "in schools serving disadvantaged areas for at least three years will receive an additional "
   "retention payment.",
   "The bursaries will be available for courses starting in the autumn."],
  ["Great teachers change lives, and we need more of them in the subjects where the shortages "
   "are most acute"], max_uses=2,
  vars={"subjects": ["mathematics and physics", "chemistry and computing", "modern languages"]})

# ---- environment ----
E("En1", ["environment", "health"], "olaq",
  "Air quality {prev_year}: nitrogen dioxide [[falls|down]] at {pct_hi}% of monitoring sites",
  "Levels of nitrogen dioxide fell at {pct_hi}% of the country's {sites} roadside monitoring "
  "sites in {prev_year}, according to the annual air quality report published today by {org}.",
  ["However, [[fourteen|eleven|nine]] sites, most of them on busy roads in {place}, still "
   "exceeded the legal annual limit. Fine particulate matter, which is more harmful to health, "
   "remained above the recommended health guideline across most of the country.",
   "The office estimates that long-term exposure to air pollution contributes to [[around|more "
   "than]] {deaths_air} early deaths a year in Arvenne."],
  ["The trend is going in the right direction, but too slowly for the people who live beside "
   "our busiest roads. Clean air should not depend on your address"])

E("En2", ["environment"], "olaq",
  "Clean-up of former {factory} site in {place} completed",
  "Remediation of the former {factory} site in {district} has been completed, {org} confirmed "
  "today, clearing the way for the land to be used for [[housing and a public park|a school "
  "and sports pitches]].",
  ["Over [[two|three]] years, contractors removed around {tonnes} tonnes of contaminated soil "
   "and installed a barrier to stop [[pollutants|hydrocarbons]] from reaching the groundwater. "
   "Monitoring boreholes around the site will be checked every quarter for the next ten years.",
   "The {factory} operated on the site for more than a century and was left derelict when it "
   "closed."],
  ["For decades this land was a scar on the neighbourhood. It is now safe, and the people who "
   "live around it can look forward to something better"],
  vars={"factory": ["chemical works", "gasworks", "tannery", "paint factory"]})

E("En3", ["environment"], "glc",
  "{trees} trees planted in a weekend across {place}",
  "Volunteers organised by {org} planted {trees} trees across {place} over the weekend, "
  "[[the largest|the coalition's biggest]] community planting event to date.",
  ["Native species including oak, rowan, hazel and wild cherry were planted [[on school "
   "grounds, in parks and on road verges|on housing estates, in churchyards and along the "
   "river]]. Each site has a local group that has committed to watering and caring for the "
   "saplings for three years.",
   "The coalition wants tree cover in {place} to rise from around {pct_cover}% today to 25% by "
   "2040, with priority given to the neighbourhoods with the fewest trees and the hottest "
   "summer temperatures."],
  ["Trees cool our streets, clean our air and make people happier. And planting one is "
   "something anyone can do, whatever their age"], months=[11, 12, 1, 2, 3])

E("En4", ["environment"], "glc",
  "Coalition: national emissions plan [[falls short|lacks detail]] on [[heating and "
  "transport|homes and roads]]",
  "{Org} has criticised the government's updated emissions reduction plan, published [[this "
  "week|on {weekday_prev}]], saying it lacks the funding and deadlines needed to cut emissions "
  "from homes and transport, which together account for [[more than half|almost half]] of "
  "Arvenne's greenhouse gas emissions.",
  ["The plan sets a target to install {count_k} heat pumps by 2030 but does not say how they "
   "will be paid for. It includes no new measures to reduce road traffic, and relies on the "
   "replacement of petrol and diesel cars to deliver [[almost all|most]] of the reduction "
   "expected from transport.",
   "The coalition welcomed the commitment to end coal-fired power generation by 2027 and the "
   "expansion of offshore wind."],
  ["Targets without money are wishes. This plan tells households what needs to change but not "
   "how they will afford it, and that is a recipe for delay"], max_uses=2)

E("En5", ["environment"], "nwc bfc sdc",
  "Weekly food waste collections [[start|begin]] in {place}",
  "Every household in {place} will have food waste collected weekly from {next_month}, {org} "
  "announced today, with caddies and compostable liners delivered to homes over the coming "
  "weeks.",
  ["Food waste currently makes up around [[a third|30%]] of the contents of an average general "
   "waste bin. Collected separately, it will be taken to an anaerobic digestion plant that "
   "turns it into biogas and fertiliser.",
   "General waste collections will move to every two weeks once the new service is in place. "
   "Recycling collections are unchanged."],
  ["Most of what we throw away as food waste can be turned into energy and fertiliser. "
   "Separating it costs households a few seconds a day and saves money on landfill tax"])

E("En6", ["environment", "public safety"], "sdc",
  "Coastal path at {district} reopens after [[cliff stabilisation|erosion repairs]]",
  "The coastal path at {district} has reopened to walkers after [[five|seven]] months of work "
  "to stabilise the cliff, {org} announced today.",
  ["A section of the path collapsed after heavy storms [[last winter|in {prev_year}]], and the "
   "route had to be closed [[for public safety|to protect walkers]]. Engineers have placed rock "
   "armour at the foot of the cliff and moved the path inland by up to 20 metres.",
   "{Short} expects erosion on this stretch of coast to accelerate as sea levels rise, and "
   "has begun work on a long-term plan for the [[district's|area's]] coastline."],
  ["The coast path is one of the best-loved walks in the district, and I am delighted it is "
   "open again. But we have to be honest that the sea will keep taking land, and we need to "
   "plan for that"], max_uses=2)

E("En7", ["environment", "water"], "rka",
  "{animal} return to the River {river} after [[forty|fifty]] years",
  "{animal} have been recorded in the upper reaches of the River {river} for the first time in "
  "decades, {org} announced today, in what the group describes as a sign that years of work to "
  "clean up the river are paying off.",
  ["Volunteers [[found tracks and other signs|recorded sightings]] at [[three|four]] sites "
   "above {place} during the Alliance's annual survey. Improvements to the treatment works "
   "upstream and the removal of two disused weirs are thought to have helped.",
   "The Alliance warns that the recovery is fragile and that storm overflows after heavy rain "
   "still push untreated sewage into the river several times a year."],
  ["This is a wonderful moment for everyone who has spent weekends pulling shopping trolleys "
   "out of the river. But it is a beginning, not an end"], max_uses=2,
  vars={"animal": ["Otters", "Salmon", "Sea trout"]})

E("En8", ["environment"], "olaq",
  "Operator fined ARV {fine} for illegal waste site near {place}",
  "A waste operator has been fined ARV {fine} and ordered to pay clean-up costs after {org} "
  "found [[thousands of tonnes|large quantities]] of construction and household waste buried "
  "illegally on farmland near {place}.",
  ["Officers discovered the site after a tip-off from [[a walker|local residents]] who reported "
   "lorries arriving at night. Tests found [[asbestos and oil|heavy metals]] in the waste, some "
   "of which was within 50 metres of a stream.",
   "The company's permit has been revoked, and its director has been disqualified from running "
   "a waste business for [[five|eight]] years."],
  ["Waste crime is not victimless. It undercuts legitimate businesses, it poisons land and "
   "water, and it leaves the public to pay for the clean-up"])

# ---- labour ----
E("L1", ["labour", "SECTOR"], "tdwu ancu tfa",
  "[[Members accept|Members vote to accept]] pay offer worth {pay_pct}%",
  "Members of {org} have voted by {vote_pct}% to accept a pay offer worth {pay_pct}% over "
  "{term}, ending a dispute that had run for [[four|five|seven]] months.",
  ["The agreement, reached after talks with {employer}, also includes [[an extra day of annual "
   "leave|a reduction in the working week]] and a commitment to review [[staffing levels|shift "
   "patterns]] before the end of the year.",
   "Planned industrial action has been called off."],
  ["Our members stood together and it made the difference. This is not everything we asked "
   "for, but it is a real improvement and it has been won by ordinary workers refusing to be "
   "ignored"], vars={"term": ["one year", "two years"]})

E("L2", ["labour", "SECTOR"], "tdwu ancu tfa",
  "[[Union announces|Members back]] strike action over [[pay and conditions|pay]]",
  "{Org} has announced [[two|three]] days of strike action in {next_month} after {vote_pct}% of "
  "members who voted backed industrial action in a ballot on a turnout of {turnout}%.",
  ["The dispute centres on a pay offer of {pay_pct_low}%, which the union says represents a "
   "real-terms cut after inflation, and on proposals to change [[shift patterns|working hours]] "
   "without agreement.",
   "The union says it remains available for talks and has asked {employer} to return to "
   "negotiations [[with an improved offer|through the conciliation service]]."],
  ["Nobody takes strike action lightly, and our members would much rather be at work. But they "
   "have been left with no choice by an employer that refuses to negotiate seriously"])

E("L3", ["labour"], "mof",
  "Minimum wage to rise to ARV {wage} an hour",
  "The national minimum wage will rise to ARV {wage} an hour from {next_month}, {org} "
  "confirmed today, an increase of {wage_pct}% for around {count_k} workers.",
  ["The rate for workers aged 18 to 20 rises to ARV {wage_young}, and the apprentice rate to "
   "ARV {wage_app}. The increases follow recommendations from the independent Wage Review "
   "Panel, which the government accepted in full.",
   "Employers who fail to pay the minimum wage face fines of up to twice the amount owed to each "
   "worker, and their names are published."],
  ["Work should pay. This increase puts more money in the pockets of the lowest-paid workers "
   "while giving employers the certainty they need to plan"])

E("L4", ["labour", "public safety", "transport"], "tdwu",
  "Assaults on transport staff [[up|rise]] {pct}%, union warns",
  "Reported assaults on bus, tram and station staff in {place} rose by {pct}% last year, "
  "according to figures obtained by {org}, which is calling for more security staff on "
  "late-night services.",
  ["[[Drivers|Staff]] reported {count} incidents of physical or verbal abuse, most of them "
   "between 9 pm and 2 am. In [[one case|several cases]] a driver needed hospital treatment "
   "after being attacked over a fare dispute.",
   "The union wants protective screens fitted to all buses, body-worn cameras for station staff "
   "and a guarantee that no worker will be disciplined for refusing to drive a bus after an "
   "assault."],
  ["No one should go to work expecting to be spat at or punched. Our members keep this city "
   "moving, and they deserve to get home safely at the end of their shift"], max_uses=2)

E("L5", ["labour", "transport"], "nrt",
  "Northwater Regional Transit to recruit {drivers} drivers",
  "{Org} is to recruit {drivers} new bus and tram drivers over the next [[year|eighteen "
  "months]], offering paid training and a starting salary [[above|well above]] the regional "
  "average.",
  ["The recruitment drive is aimed particularly at women, who currently make up [[only "
   "14%|fewer than one in six]] of the operator's drivers. Flexible and part-time shifts will "
   "be available, and the minimum age for applicants has been lowered to 21.",
   "Training lasts [[eight|ten]] weeks and leads to a full professional driving licence. "
   "Applicants do not need any previous experience."],
  ["We need more drivers to run the services passengers want, and we want our workforce to look "
   "more like the city we serve. If you like people and you want a career with real security, "
   "we want to hear from you"], max_uses=2)

E("L6", ["labour", "education"], "tbc",
  "{apprentices} school leavers start apprenticeships with Tallowmere Building Co.",
  "A total of {apprentices} apprentices joined {org} this week, the company's largest intake to "
  "date, "
  "training as bricklayers, carpenters, electricians and site managers.",
  ["The apprentices will spend four days a week on the company's sites and one day at "
   "[[college|the regional construction college]]. Every apprentice is paid [[above|well "
   "above]] the apprentice minimum wage from their first day.",
   "The company has pledged that at least a quarter of its workforce will be apprentices or "
   "recent graduates of its scheme by 2030."],
  ["The construction industry has been complaining about a shortage of skilled workers for "
   "years. The answer is simple: train them. We are proud to give these young people a start"],
  max_uses=2, months=[8, 9])

E("L7", ["labour"], "mof",
  "Unemployment [[falls|edges down]] to {unemp}%",
  "The unemployment rate in Arvenne fell to {unemp}% in the three months to {prev_month}, "
  "according to labour market figures published today by {org}.",
  ["Employment rose by {count_k}, driven mainly by [[health and social care|construction and "
   "hospitality]]. Average earnings grew by {pay_pct}% compared with a year earlier.",
   "Youth unemployment remains [[high|stubbornly high]], at {unemp_y}%, and long-term "
   "unemployment fell only slightly."],
  ["More people in work and wages rising faster than prices is good news for families. But too "
   "many young people are still struggling to find a first job, and that is where we will "
   "focus"])

E("L8", ["labour", "education"], "tfa",
  "Teachers working {hours}-hour weeks, federation survey finds",
  "Full-time teachers in Arvenne work an average of {hours} hours a week during term time, "
  "[[more than|well over]] the 37.5 hours set out in their contracts, according to a survey "
  "published today by {org}.",
  ["Marking, data entry and meetings took up [[a third|almost 40%]] of teachers' working time. "
   "[[Six in ten|More than half of]] respondents said they did school work every weekend.",
   "The federation wants the government to cut the number of mandatory assessments and to fund "
   "more teaching assistants and administrative staff."],
  ["Teachers love teaching. What is driving them out of the profession is everything else: the "
   "paperwork, the data returns and the feeling that there is never enough time to do the job "
   "well"], max_uses=2)

E("L9", ["labour", "health", "education"], "moh",
  "{places} more nurse training places [[next year|from September]]",
  "The number of funded places on nursing degree courses will rise by {places} next year, {org} "
  "announced today, as part of a plan to reduce hospitals' reliance on agency staff.",
  ["Students will also receive a maintenance grant of ARV {grant_big} a year, which does not "
   "have to be repaid by those who work in the national health service for at least three "
   "years after qualifying.",
   "Spending on agency nurses reached ARV {m_big} million last year, [[almost double|more than "
   "twice]] the figure five years earlier."],
  ["Nursing is a skilled, demanding and rewarding career, and we want many more people to "
   "choose it. Growing our own workforce is better for patients and better value for the "
   "taxpayer"], max_uses=2)

E("P9", ["labour", "public safety"], "tbc",
  "Tallowmere Building Co. [[signs|joins]] construction safety charter",
  "{Org} has signed the national construction safety charter, committing to [[independent "
  "safety audits of every site|publish its accident figures every quarter]] and to give every "
  "worker the right to stop work they believe is unsafe without fear of losing pay.",
  ["The company recorded {n} reportable injuries across its sites last year. [[Most|The "
   "majority]] involved falls from height or [[manual handling|moving machinery]].",
   "All site workers, including those employed by subcontractors, will receive [[two "
   "days'|additional]] safety training each year."],
  ["Everyone who comes to work on one of our sites should go home in the same condition. That "
   "is not a slogan; it is the most important thing we do"], max_uses=1)

# ---- budget ----
E("B1", ["budget"], "mof",
  "Budget {next_year}: [[more money|extra investment]] for {b_focus}",
  "The Minister of Finance today presented the {next_year} budget to parliament, with total "
  "public spending of ARV {bn_total} billion and additional investment in {b_focus}.",
  ["The budget forecasts a deficit of {def_pct}% of national income next year, down from "
   "{def_pct_prev}% this year. The main rate of income tax is unchanged, but the threshold at "
   "which people start paying tax rises by ARV [[500|750|1,000]].",
   "Departmental spending rises by an average of {pct_small}% in real terms. The largest "
   "increases go to {b_focus}, while administrative budgets across government will be cut by "
   "[[3|5]]%.",
   "Parliament will debate the budget over the coming [[four|six]] weeks, with a final vote "
   "expected in December."],
  ["This is a budget that lives within its means while investing in the things that matter most "
   "to families. We are bringing the deficit down without cutting the services people rely on"],
  months=[10, 11],
  vars={"b_focus": ["health and housing", "schools and transport",
                    "energy efficiency and public transport", "the health service"]})

E("B2", ["budget"], "mof",
  "Public finances: borrowing below forecast in {quarter} quarter",
  "Government borrowing in the {quarter} quarter of {year} was ARV {bn} billion, ARV "
  "{bn_small} billion lower than forecast, according to figures published today by {org}.",
  ["Tax receipts were higher than expected, driven by [[income tax and VAT|strong corporate "
   "tax receipts]], while spending on debt interest was slightly below forecast.",
   "Net public debt stood at {debt_pct}% of national income at the end of the quarter."],
  ["These figures show that careful management is paying off. But we will not take them as a "
   "licence to spend; the priority remains bringing debt down as a share of the economy"],
  months=[4, 5, 7, 8, 10])

E("B3", ["budget"], "nwc bfc sdc",
  "[[Council agrees|Councillors approve|Council approves]] {year}/{yy_next} budget with "
  "{ctax_pct}% council tax rise",
  "Councillors have approved {org}'s budget for {year}/{yy_next}, with net spending of ARV "
  "{m_big} million and a council tax increase of {ctax_pct}%.",
  ["A typical household will pay ARV {ctax_d} a year for council services, an increase of ARV "
   "{ctax_inc}. The budget protects spending on [[adult social care and children's "
   "services|social care and libraries]], which account for [[more than half|almost 60%]] of the "
   "total.",
   "Savings of ARV {m} million will come mainly from [[sharing back-office services with "
   "neighbouring councils|reducing the number of council buildings]]. Government funding for "
   "{short} has fallen by [[about a third|almost 40%]] in real terms over the past decade."],
  ["No councillor wants to raise council tax. But without it we would be cutting care for "
   "elderly and disabled residents, and that is a choice I am not prepared to make"],
  months=[2, 3])

E("B4", ["budget"], "nwc bfc",
  "Residents choose {n} projects in participatory budget vote",
  "More than {count_vote} residents of {place} have voted to decide how ARV {m_small} million "
  "of {org}'s budget should be spent, with {n} community projects chosen from [[a shortlist of "
  "40|more than 50 proposals]].",
  ["The winning projects include [[a new play area in {district}, a community fridge and "
   "repairs to the {district2} allotments|safer crossings near schools in {district}, outdoor "
   "gym equipment and a youth music studio in {district2}]].",
   "[[Voting was open to everyone aged 14 and over|Anyone aged 14 or over could vote]] online "
   "or at libraries. Turnout was highest among residents aged 25 to 40."],
  ["Residents know their neighbourhoods better than anyone in the town hall. Handing them the "
   "decision has produced projects that none of us would have thought of"], max_uses=2)

E("B5", ["budget", "environment"], "mof",
  "First sovereign green bond raises ARV {bn} billion",
  "Arvenne's first sovereign green bond, sold today, raised ARV {bn} billion, with orders "
  "[[more than three times|almost four times]] the amount on offer, {org} announced.",
  ["The ten-year bond pays a coupon of {coupon}%. Money raised will be used only for projects "
   "that meet the government's green financing framework, including rail electrification, "
   "flood defences and the insulation of social housing.",
   "An annual report will set out how the money has been spent and the estimated emissions "
   "savings."],
  ["The strength of demand shows that investors have confidence in Arvenne and in our plans to "
   "cut emissions. All of the money raised will go to projects that help the country adapt and "
   "decarbonise"], max_uses=1)

E("B6", ["budget", "housing"], "tva",
  "Budget [[ignores renters|fails tenants]], says Tenants' Voice",
  "{Org} has criticised the government's budget for failing to address rising rents, saying it "
  "contains [[no new money for social housing|nothing for private tenants]] and freezes "
  "housing support in real terms.",
  ["Housing allowance, which helps low-income households with rent, will be frozen for a "
   "[[third|fourth]] year. The organisation estimates the freeze will leave the average "
   "claimant [[ARV 62|ARV 85]] a month short of their actual rent.",
   "It is calling for housing allowance to be linked to local rents and for a national "
   "programme of social housebuilding."],
  ["Rents have gone up every year and housing support has stood still. This budget asks the "
   "poorest renters to make up the difference out of money they do not have"],
  months=[10, 11], max_uses=2)

# ---- public safety ----
E("P1", ["public safety"], "nwc bfc sdc",
  "Free smoke alarm checks [[for older residents|offered to every household]] in {place}",
  "{Org} and the regional fire service are offering free home fire safety visits, including "
  "the fitting of smoke alarms, to [[every household|residents aged over 65 and people living "
  "alone]] in {place}.",
  ["Firefighters found that [[one in five|almost a quarter of]] homes visited during a pilot in "
   "{district} had no working smoke alarm. [[Most|Many]] of the fatal house fires in the region "
   "last year started in homes where the alarm was missing or its battery had been removed.",
   "Visits take around 40 minutes and include advice on escape routes, electrical safety and "
   "[[the safe use of heaters|the safe charging of e-bikes and scooters]]."],
  ["A working smoke alarm is the cheapest life-saving device there is. If you have an elderly "
   "neighbour or relative, please help them book a visit"])

E("P2", ["public safety"], "sdc",
  "Storm [[warning|alert]]: sandbags available and harbour road closed",
  "{Org} has activated its emergency plan ahead of [[Storm {storm}|a severe storm]] expected to "
  "bring gusts of up to {gust} km/h and a tidal surge to the coast [[tonight|overnight]].",
  ["Sandbags are available from the depot at [[Wrayside|Kettle Point]] and from the harbour "
   "office. The harbour road will be closed from 6 pm, and residents of [[ground-floor flats on "
   "the seafront|low-lying properties in {district}]] are advised to move valuables upstairs.",
   "A rest centre will open at [[the leisure centre|the community college]] if evacuations are "
   "needed. Updates will be posted on {short}'s website throughout the night."],
  ["Please take this warning seriously. Stay away from the seafront, do not try to drive "
   "through floodwater and check on any neighbours who might need help"],
  months=[10, 11, 12, 1, 2])

E("P3", ["public safety"], "nwc bfc",
  "[[Brighter|New LED]] street lights for {district} [[after safety concerns|in safety drive]]",
  "Every street light in {district} will be replaced with brighter, energy-efficient LED lamps "
  "by the end of {next_month}, {org} announced today, after a survey in which women said they "
  "felt unsafe walking in the area after dark.",
  ["{Short} will also [[cut back overgrown hedges|install lighting]] along [[the path to "
   "the railway station|two footpaths]] and add help points at [[the bus interchange|two "
   "underpasses]].",
   "The new lamps use around [[60|65]]% less electricity than the old sodium lights, saving an "
   "estimated ARV {k_small} a year."],
  ["Everyone should be able to walk home at night without fear. Better lighting is not the "
   "whole answer, but it is an important part of it, and it is something we can do quickly"])

E("P4", ["public safety"], "sdc",
  "Lifeguards return to {beaches} beaches for the summer",
  "Lifeguards will patrol {beaches} of the district's beaches every day from [[10 am to 6 "
  "pm|10 am until 7 pm]] until the end of September, {org} announced today.",
  ["Visitors are urged to swim only between the red and yellow flags, to check tide times "
   "before setting out and [[to keep children within arm's reach in the water|never to use "
   "inflatables when the orange windsock is flying]]. Rip currents are common at [[Kettle "
   "Point|Dunmoor Sands]], even in calm weather.",
   "Last summer lifeguards responded to {n_rescue} incidents and carried out [[23|31|18]] "
   "rescues."],
  ["Our beaches are beautiful, but the sea deserves respect. If you get into trouble, float on "
   "your back and call for help; do not try to swim against a current"], months=[5, 6],
  vars={"beaches": ["four", "five", "six"]})

E("P5", ["public safety", "housing"], "hsb",
  "[[Landlords warned over|Crackdown on]] missing gas safety certificates",
  "{Org} has warned landlords that they face prosecution if they fail to carry out annual gas "
  "safety checks, after inspections found that {pct}% of rented homes visited in {place} did "
  "not have a valid certificate.",
  ["Faulty gas appliances can leak carbon monoxide, which has no colour or smell. [[Two|Three]] "
   "tenants died from carbon monoxide poisoning in rented homes in Arvenne last year.",
   "Tenants can ask to see their landlord's gas safety certificate at any time. Every rented "
   "home must also have a carbon monoxide alarm in any room with a gas appliance."],
  ["A gas safety check takes less than an hour and costs less than a week's rent. There is no "
   "excuse for skipping it, and we will take action against landlords who do"])

E("P6", ["public safety", "transport"], "mti",
  "Level crossing safety campaign [[launched|after near misses rise]]",
  "{Org} has launched a campaign to reduce misuse of level crossings after the number of near "
  "misses recorded by train drivers rose to {count} last year.",
  ["Most incidents involved drivers or pedestrians crossing after the warning lights had "
   "started to flash, often because they were in a hurry or did not expect a second train. "
   "[[Eleven|Nine]] of the country's level crossings will be replaced with bridges over the "
   "next five years.",
   "Cameras that record vehicles crossing against the lights will be installed at [[20|25]] "
   "crossings with the worst safety record."],
  ["Trains cannot swerve and they cannot stop quickly. Waiting an extra minute at a crossing "
   "could save your life"], max_uses=2)

E("P7", ["public safety"], "nwc",
  "Safety plan for the Northwater Riverside Festival [[published|agreed]]",
  "{Org} has published its safety plan for the Northwater Riverside Festival, which is "
  "expected to attract [[more than|around]] {crowd} visitors to the city centre over three "
  "days.",
  ["The plan includes [[one-way pedestrian routes|crowd management zones]] along the "
   "riverfront, water refill points, a dedicated medical centre and a lost children point at "
   "the Quayside. [[Road closures|Traffic restrictions]] will be in place from 6 am on the "
   "first day.",
   "Glass bottles will not be allowed in the festival area, and extra trams will run until "
   "1 am."],
  ["The festival is one of the highlights of the year and we want everyone to enjoy it safely. "
   "Please plan your journey, drink plenty of water and look after each other"],
  months=[6, 7], max_uses=2)

# ---- digital rights ----
E("D1", ["digital rights", "public safety"], "lwf",
  "[[Foundation calls for halt to|Concerns over]] live facial recognition cameras in {place}",
  "{Org} has called on the police in {place} to stop using live facial recognition cameras "
  "[[in the city centre|at public events]] until parliament has passed a law setting out when "
  "and how the technology may be used.",
  ["Documents obtained by the foundation under freedom of information law show that the "
   "cameras scanned [[an estimated|more than]] {count_k} faces during a six-month trial and "
   "generated {n_alerts} alerts. Officers stopped {n_stops} people as a result; [[most|all but "
   "a few]] of the alerts were false.",
   "There is currently no specific law governing the use of facial recognition in Arvenne, and "
   "no independent oversight of the watch lists that the cameras are checked against."],
  ["Scanning the face of everyone who walks down a high street is not targeted policing. It "
   "turns every passer-by into a suspect, and it is happening without any democratic debate"],
  max_uses=2)

E("D2", ["digital rights"], "lwf",
  "Data retention bill would [[require|force]] providers to store [[everyone's|all]] browsing "
  "records, foundation warns",
  "{Org} today urged members of parliament to reject [[the|key clauses of the]] Internet Records "
  "Bill, which would require internet providers to keep a record of the websites visited "
  "by every customer for [[twelve|eighteen]] months.",
  ["Under the bill, records could be accessed by [[seventeen|more than a dozen]] public bodies "
   "without a warrant. The foundation says the data would reveal sensitive information about "
   "people's health, religion and sexuality, and would be an attractive target for criminals.",
   "The foundation has published a briefing for parliamentarians and is encouraging members of "
   "the public to contact their representatives before the [[second reading|committee stage]] "
   "of the bill."],
  ["A list of every website you visit is a diary of your life. The government has not "
   "explained why it needs to keep one for every person in the country"], max_uses=2)

E("D3", ["digital rights"], "qfs",
  "Quillfeather Systems publishes {prev_year} transparency report",
  "{Org} received {n_requests} requests from public authorities for customer data in "
  "{prev_year} and disclosed data in response to {pct} per cent of them, according to its "
  "annual transparency report published today.",
  ["The company rejected [[requests|demands]] that it considered too broad or lacking a proper "
   "legal basis, and challenged [[two|three]] orders in court. It notified the affected "
   "customers in every case where it was not legally prohibited from doing so.",
   "For the first time, the report includes the number of requests received from [[foreign "
   "governments|authorities outside Arvenne]], all of which were refused unless made through "
   "the formal legal assistance process."],
  ["Our customers trust us with their data, and they deserve to know when anyone asks us to "
   "hand it over. Publishing these numbers is part of earning that trust"], months=[2, 3])

E("D4", ["digital rights"], "qfs",
  "Quillfeather Systems fixes [[security flaw|vulnerability]] in {product}",
  "{Org} has released an update for {product} to fix a security vulnerability that could have "
  "allowed an attacker to view other users' [[documents|invoices]] [[under certain "
  "conditions|in limited circumstances]].",
  ["The flaw was reported by an independent security researcher through the company's "
   "vulnerability disclosure programme earlier this month. The company says it has found no "
   "evidence that it was exploited.",
   "Customers using the cloud version of {product} are protected automatically. Customers "
   "running their own installation should update to the latest version as soon as possible."],
  ["We are grateful to the researcher who reported this responsibly. Security flaws are a fact "
   "of life in software; what matters is how quickly and openly they are fixed"],
  vars={"product": ["Ledgerly", "Parcelnote", "Tallyglass"]})

E("D5", ["digital rights", "education"], "lwf",
  "{frac} households in {place} lack home internet, foundation finds",
  "{frac} households in {place} has no broadband connection at home, rising to [[one in "
  "four|almost one in three]] in social housing, according to research published today by "
  "{org}.",
  ["Households without internet access pay more for energy, insurance and other services that "
   "offer online discounts, and find it harder to apply for jobs and benefits, most of which "
   "can now only be claimed online.",
   "The foundation is calling for a social broadband tariff, free public wifi in libraries and "
   "community centres, and for every public service to offer an offline alternative."],
  ["Being offline is now a form of exclusion. When the cheapest tariffs, the job applications "
   "and the benefit claims all live online, people without access are pushed further behind"],
  max_uses=2, vars={"frac": ["One in eight", "One in ten"]})

E("D6", ["digital rights"], "qfs",
  "End-to-end encryption now default for all {product} users",
  "{Org} has switched on end-to-end encryption by default for everyone using {product}, "
  "meaning that the content of users' files can no longer be read by the company [[or by "
  "anyone who obtains its servers' data|even if authorities ask for it]].",
  ["Users who want to share files with others can still do so through encrypted links. The "
   "company has published a technical description of the system and commissioned an "
   "independent audit, the results of which will be released in full.",
   "Encryption keys are generated on users' own devices. The company warns that it will not be "
   "able to recover files for users who lose both their password and their recovery key."],
  ["We do not want to be able to read our customers' files. The safest data is the data you do "
   "not hold"], max_uses=2, vars={"product": ["Parcelnote", "Tallyglass"]})

E("D7", ["digital rights"], "lwf",
  "Court rules benefit fraud algorithm [[unlawful|breached privacy rights]]",
  "{Org} has welcomed a ruling by the administrative court that the algorithm used by the "
  "social security agency to flag benefit claims for fraud investigation was unlawful.",
  ["The court found that the agency had failed to assess the system's impact on privacy and had "
   "not told claimants that their data was being scored. Claimants in [[poorer|lower-income]] "
   "neighbourhoods were [[three|four]] times more likely to be flagged than others.",
   "The agency has [[sixty|thirty]] days to decide whether to appeal."],
  ["People claiming benefits were treated as suspects by a system that no one outside the "
   "agency could inspect. Today's ruling is a victory for everyone who believes public "
   "decisions should be open to challenge"], max_uses=1)

E("D8", ["digital rights"], "nwc",
  "Council publishes register of algorithms used in decision-making",
  "{Org} has published a public register of the {n} automated and algorithmic systems it uses "
  "to support decisions about residents, becoming [[the first|one of the first]] councils in "
  "Arvenne to do so.",
  ["The register describes what each system does, what data it uses and who is accountable for "
   "it. Systems listed include [[a tool that prioritises pothole repairs|software that helps "
   "allocate school places]] and [[a model that predicts which families may need early help|a "
   "system that flags unusual patterns in housing benefit claims]].",
   "Residents can ask for a human review of any decision in which one of the systems was used."],
  ["If the council uses a computer to help make decisions about people's lives, those people "
   "have a right to know. Transparency is the first step towards accountability"], max_uses=1)

EMPLOYERS = {
    "tdwu": "Northwater Regional Transit",
    "ancu": "the Ministry of Health and the care employers' association",
    "tfa": "the Ministry of Education",
}

# ---------------------------------------------------------------------------------------------
# Background paragraphs (per topic), follow-up quote sentences and closing lines
# ---------------------------------------------------------------------------------------------

BACKGROUND = {
    "water": [
        "Arvenne's water network includes around 92,000 kilometres of mains, about a fifth of "
        "which were laid before 1950. Suppliers replace less than half of one per cent of the "
        "network each year, a rate at which the oldest pipes would not be renewed for two "
        "centuries.",
        "Drinking water and sewerage in Arvenne are provided by six regional suppliers, "
        "regulated by the Arvenne Water Regulation Authority, which sets limits on bills and "
        "enforces drinking water standards.",
        "Households can check whether their home is served by a lead pipe by looking at the pipe "
        "where it enters the property, usually under the kitchen sink: lead pipes are dull grey "
        "and soft, and show a shiny silver colour when scratched.",
    ],
    "housing": [
        "Around 31% of households in Arvenne rent privately, up from 19% two decades ago. "
        "Average rents have risen faster than wages in most recent years.",
        "The national housing register lists more than 140,000 households waiting for a social "
        "home. Around 11,000 households, including more than 16,000 children, live in temporary "
        "accommodation.",
        "New homes in Arvenne must meet the national near-zero carbon standard, which sets "
        "strict limits on the energy used for heating and hot water.",
    ],
    "transport": [
        "Public transport accounts for around one in seven journeys in Arvenne's cities, "
        "compared with more than half made by car. Transport is the largest source of "
        "greenhouse gas emissions in the country.",
        "The regional transit network in and around Northwater carries around 190 million "
        "passenger journeys a year on six tram lines and more than 120 bus routes.",
        "The backlog of repairs to local roads and bridges in Arvenne is estimated at ARV 2.4 "
        "billion.",
    ],
    "health": [
        "The national health service in Arvenne is funded from general taxation and is free at "
        "the point of use. Primary care is provided by GP practices and pharmacies, with "
        "hospital care organised by five regional health boards.",
        "Demand on health services has risen steadily as the population ages. The number of "
        "people aged over 80 is expected to double in the next twenty-five years.",
        "Anyone who needs urgent medical advice that is not an emergency can call the national "
        "health advice line, which is open 24 hours a day.",
    ],
    "education": [
        "Schooling in Arvenne is compulsory from age six to sixteen. Around 1.1 million pupils "
        "attend state schools, which are funded nationally and run by local councils.",
        "Teacher vacancies have risen in recent years, particularly in mathematics, physics and "
        "languages, and in schools serving disadvantaged areas.",
    ],
    "environment": [
        "Arvenne has committed to reach net zero greenhouse gas emissions by 2050, with an "
        "interim target of a 68% cut compared with 1990 levels by 2030.",
        "Around 12% of Arvenne's land area is woodland, one of the lowest shares in the region. "
        "The national target is to increase this to 17% by 2050.",
        "Air pollution is the largest environmental risk to public health in Arvenne, "
        "contributing to heart disease, stroke and lung conditions.",
    ],
    "labour": [
        "Around 27% of employees in Arvenne are members of a trade union, with membership "
        "highest in the public sector, transport and education.",
        "Pay in the public sector is set through national negotiations between unions and "
        "employers, with an independent pay review body making recommendations in some "
        "sectors.",
    ],
    "budget": [
        "Councils in Arvenne raise around a quarter of their income from council tax, with the "
        "rest coming from government grants, business rates and fees and charges.",
        "The budget process begins each autumn, when the Ministry of Finance publishes its "
        "economic forecast. Parliament must approve the budget before the end of the calendar "
        "year.",
    ],
    "public safety": [
        "The regional fire and rescue service attended around 9,400 incidents last year, of "
        "which fewer than a third were fires.",
        "Residents can sign up for free emergency alerts by text message or email through their "
        "council's website.",
    ],
    "digital rights": [
        "Arvenne's data protection law gives everyone the right to see the personal data that "
        "organisations hold about them, to have inaccurate data corrected and, in some cases, "
        "to have data deleted.",
        "The Arvenne Data Protection Commissioner is the independent authority responsible for "
        "enforcing data protection law in Arvenne.",
    ],
}

# (kinds that may say it, sentence)
FOLLOWUPS = {
    "water": [("gov company", "We will keep residents informed at every stage."),
              ("gov company", "Safe, reliable water is the most basic service we provide, and "
                              "we will not compromise on it."),
              ("civil", "There is more to do, and we will judge the results on what is "
                        "delivered, not what is promised.")],
    "housing": [("gov civil company", "A secure, decent home is the foundation for everything "
                                      "else in life."),
                ("civil", "We will be watching closely to make sure these commitments are "
                          "kept."),
                ("gov", "This is one step, and there is a great deal more to do.")],
    "transport": [("gov", "We want public transport to be the obvious choice, not the last "
                          "resort."),
                  ("gov civil", "We will keep listening to passengers and staff as the work "
                                "goes ahead."),
                  ("gov civil", "Good transport connects people to jobs, education and each "
                                "other.")],
    "health": [("gov", "Please do not wait until a problem becomes an emergency."),
               ("gov", "Our staff have worked incredibly hard to make this happen."),
               ("gov", "Prevention is always better than cure.")],
    "education": [("gov civil", "Every child deserves a great education, wherever they live."),
                  ("moe tfa", "Teachers are the heart of our schools, and we must support "
                              "them."),
                  ("gov civil", "We will keep working with schools, parents and pupils to get "
                                "this right.")],
    "environment": [("gov civil", "The choices we make now will shape the place our "
                                  "grandchildren inherit."),
                    ("civil", "Nature recovers when we give it the chance."),
                    ("gov company", "This is good for the climate, good for health and good "
                                    "for the local economy.")],
    "labour": [("civil", "Decent work means fair pay, safe conditions and a voice at work."),
               ("civil", "We will continue to stand up for our members."),
               ("gov company", "Good employment relations are built on trust, and trust is "
                               "built on honest negotiation.")],
    "budget": [("gov", "We have had to make difficult choices, and we have tried to make them "
                       "fairly."),
               ("gov", "Public money must be spent carefully and transparently."),
               ("gov", "We will publish regular updates so people can see how the money is "
                       "being spent.")],
    "public safety": [("gov civil company", "Safety is everyone's responsibility, and small "
                                            "steps can make a big difference."),
                      ("gov", "We would much rather prevent an emergency than respond to one."),
                      ("gov civil", "Please look out for your neighbours, particularly those "
                                    "who are elderly or live alone.")],
    "digital rights": [("civil company", "Privacy is not about having something to hide; it "
                                         "is about having control over your own life."),
                       ("civil gov company", "Technology should serve people, not the other "
                                             "way round."),
                       ("civil", "Rights that exist on paper must also exist online.")],
}

REPORT_CLOSER = ("The full report, including the methodology, is available on {org}'s website at "
                 "{domain}.")

CLOSERS = {
    "gov": ["Further information is available at {domain} or from {short}'s customer "
            "contact centre.",
            "{Short} will provide a further update [[in {next_month}|once the work is "
            "complete|in the coming weeks]].",
            "Media enquiries should be directed to {short}'s press office."],
    "civil": ["More information is available on {org}'s website at {domain}.",
              "Journalists who would like to arrange an interview should contact {org}'s press "
              "office.",
              "Members of the public who want to get involved can find details of local groups "
              "at {domain}."],
    "company": ["Customers with questions can contact the company's customer service team or "
                "visit {domain}."],
}


def quote_para(rng, quote, name, role, followup=None, style=None):
    """A paragraph quoting `name`. Most use the pattern '"...," said Name, role.'."""
    style = style or rng.choices(["said", "name_said", "colon"], [78, 12, 10])[0]
    if style == "said":
        s = f'"{quote}," said {name}, {role}.'
    elif style == "name_said":
        s = f'"{quote}," {name}, {role}, said.'
    else:
        s = f'{name}, {role}, said: "{quote}."'
    if followup:
        s += f' "{followup}"'
    return s


def event_topics(ev, o):
    out = []
    for t in ev["topics"]:
        if t == "SECTOR":
            t = o["sector"]
        if t and t not in out:
            out.append(t)
    return out


def eligible(ev, o):
    return o["key"] in ev["who"] or o["kind"] in ev["who"]


def render_event(rng, ev, o, year):
    """One templated release: dict with the public fields plus internal '_' fields."""
    when = pick_date(rng, year, ev["months"])
    ctx = make_ctx(rng, o, when, ev["vars"])
    if o["key"] in EMPLOYERS:
        ctx["employer"] = EMPLOYERS[o["key"]]
    topics = event_topics(ev, o)
    title = fill(ev["title"], ctx, rng)
    paras = [fill(ev["lead"], ctx, rng)]
    details = [fill(d, ctx, rng) for d in ev["details"]]
    k = rng.choice([1, 2, 2, 3]) if len(details) >= 3 else rng.choice([1, 2, 2])
    k = min(k, len(details))
    chosen = details[:1] + rng.sample(details[1:], k - 1) if k > 1 else details[:1]
    quotes = [fill(q, ctx, rng) for q in ev["quotes"]]
    # first quote
    qi = rng.randrange(len(quotes))
    name, role = speaker(o, year, topics[0])
    fu = None
    if rng.random() < 0.3:
        options = [s for kinds, s in FOLLOWUPS[topics[0]]
                   if o["kind"] in kinds.split() or o["key"] in kinds.split()]
        if options:
            fu = rng.choice(options)
    paras.append(chosen[0])
    paras.append(quote_para(rng, quotes[qi], name, role, fu))
    paras.extend(chosen[1:])
    if rng.random() < 0.5:
        paras.append(rng.choice(BACKGROUND[topics[0]]))
    if len(quotes) > 1 and rng.random() < 0.55:
        others = [s for s in o["speakers"] if s[2] <= year <= s[3] and s[0] != name]
        if others:
            s = others[0]
            paras.append(quote_para(rng, quotes[1 - qi], s[0], s[1]))
    if rng.random() < 0.45:
        closers = list(CLOSERS[o["kind"]])
        if o["kind"] == "civil" and re.search(r"\b(survey|report|research)\b", paras[0]):
            closers = [REPORT_CLOSER] * 2 + closers
        paras.append(fill(rng.choice(closers), ctx, rng))
    about_p = {"gov": 0.35, "civil": 0.6, "company": 0.7}[o["kind"]]
    if o["about"] and rng.random() < about_p:
        paras.append(o["about"])
    while len(paras) > 8:
        paras.pop(-2)
    return dict(_org=o["key"], _issuers=[o["key"]], _when=when, _kind="templated",
                _event=ev["code"], title=title, topics=topics, body="\n\n".join(paras))

# ---------------------------------------------------------------------------------------------
# Handwritten releases
# ---------------------------------------------------------------------------------------------
# paras: strings, or ("q", quote, org key) for a quote by that organisation's speaker,
# or ("qx", quote, name, role) for a quote by someone else. kind tags the planted features.

HAND = []


def H(kind, issuers, date, topics, title, paras, extra=None, style=None, language="en"):
    HAND.append(dict(kind=kind, issuers=issuers, date=date, topics=topics, title=title,
                     paras=paras, extra=extra or {}, style=style, language=language))


# ---- joint statements (2-4 issuers) ----
H("joint", ["nwc", "nrt", "mti"], (2015, 3, 18), ["transport", "budget"],
  "Joint statement on funding for the Millbrook tram extension",
  ["Northwater City Council, Northwater Regional Transit and the Ministry of Transport and "
   "Infrastructure have agreed a funding package for the extension of tram Line 3 from "
   "Eastgate to Millbrook, clearing the way for construction to begin next spring.",
   "The 4.6 kilometre extension, with six new stops, will cost ARV 212 million. The ministry "
   "will contribute 60% of the cost, the council 25% and Northwater Regional Transit the "
   "remainder, financed from future fare revenue. Trams are expected to run to Millbrook by "
   "the end of 2018.",
   ("q", "Millbrook has waited far too long to be connected to the rest of the city. This "
         "agreement shows what can be done when every level of government pulls in the same "
         "direction", "nwc"),
   ("q", "This is exactly the kind of project the national transport fund was created to "
         "support: practical, good value and ready to build", "mti"),
   ("q", "We expect more than 20,000 passengers a day to use the extension within its first "
         "year", "nrt")])

H("joint", ["rka", "glc", "sdc"], (2016, 10, 12), ["environment", "water"],
  "Joint plan to restore the salt marshes of the Wray estuary",
  ["The Riverkeep Alliance, the Greenlattice Coalition and Saltmere District Council have "
   "agreed a joint plan to restore the salt marshes of the Wray estuary, which have shrunk by "
   "almost a third since the 1970s.",
   "The plan includes the managed realignment of 1.8 kilometres of old flood bank near "
   "Wrayside, allowing the tide to flood 40 hectares of former grazing land and create new "
   "marsh. Volunteers will monitor birds, fish and water quality before and after the work.",
   ("q", "The estuary is the reason many of us live here. Giving some of the land back to the "
         "tide is the most sensible flood defence we have, and it costs a fraction of a new "
         "wall", "sdc"),
   "Salt marshes absorb wave energy and store carbon, and the partners say the project will "
   "reduce flood risk for properties in Wrayside while creating habitat for wading birds.",
   ("q", "Marshes are nurseries for fish and feeding grounds for thousands of birds. We have "
         "lost too many of them, and this plan shows how they can come back", "rka"),
   ("q", "This is what climate adaptation looks like when it is done with a community rather "
         "than to it", "glc")])

H("joint", ["tdwu", "ancu", "tfa"], (2017, 5, 10), ["labour", "budget"],
  "Public sector unions: joint statement on the pay cap",
  ["The Transit and Depot Workers' Union, the Arvenne Nurses and Care Staff Union and the "
   "Teachers' Federation of Arvenne today issued a joint statement calling on the government "
   "to lift the 1% cap on public sector pay rises, which has been in place for four years.",
   "Together the three unions represent more than 310,000 workers. They say the cap has cut "
   "the real value of pay by around 9% since it was introduced, and that it is now the main "
   "reason given by staff for leaving nursing, teaching and public transport.",
   ("q", "Nurses are using food banks. That should shame a country as wealthy as ours", "ancu"),
   ("q", "We cannot recruit teachers for physics and mathematics when graduates can earn a "
         "third more elsewhere in their first year", "tfa"),
   ("q", "Drivers and engineers kept this country moving through the hardest winters. They "
         "are asking for fairness, not favours", "tdwu"),
   "The unions will hold a joint rally in Lindmark in June and have written to the Minister of "
   "Finance requesting a meeting."])

H("joint", ["nwc", "tva"], (2018, 2, 14), ["housing"],
  "Council and tenants agree fair rent charter for council-owned homes",
  ["Northwater City Council and Tenants' Voice Arvenne have agreed a fair rent charter covering "
   "the city's 23,000 council-owned homes, the first agreement of its kind between a council "
   "and a tenants' organisation in Arvenne.",
   "Under the fair rent charter, rent increases for council tenants will be capped at "
   "inflation for five years, urgent repairs will be completed within 24 hours and routine "
   "repairs within 20 working days, and tenants will be able to check the progress of any "
   "repair online. An independent panel, half of whose members will be tenants, will monitor "
   "performance and publish a report every year.",
   ("q", "Our tenants told us that what they wanted most was certainty: about their rent, about "
         "repairs and about being listened to. This charter gives them all three", "nwc"),
   ("q", "For years we have asked landlords to sign up to fair rents and decent repairs. It "
         "matters that the city's biggest landlord has now done so", "tva"),
   "The charter takes effect on 1 April. Tenants' Voice hopes that other councils and housing "
   "associations will adopt it."])

H("joint", ["moh", "olaq"], (2018, 9, 19), ["health", "environment"],
  "Joint guidance on air pollution near schools",
  ["The Ministry of Health and the Office for Land and Air Quality have published joint "
   "guidance for councils and schools on reducing children's exposure to air pollution, after "
   "monitoring found that levels outside 140 primary schools exceeded the legal limit for "
   "nitrogen dioxide.",
   "Children are particularly vulnerable to air pollution because their lungs are still "
   "developing and they breathe faster than adults. The guidance recommends closing roads "
   "outside school gates at drop-off and pick-up times, planting hedges along playground "
   "boundaries and moving outdoor play areas away from busy roads.",
   ("qx", "The evidence that dirty air harms children's lungs is clear. These are practical "
          "steps that every school and council can take, starting this term",
    "Dr Petra Lindqvist-Amari", "Chief Medical Officer"),
   ("q", "Our monitors tell us where the problem is worst. Now we need to act on what they "
         "tell us", "olaq"),
   "Councils will be able to bid for a share of ARV 15 million to fund the measures."])

H("joint", ["lwf", "qfs", "tfa"], (2019, 6, 12), ["digital rights", "education"],
  "Joint statement on children's privacy in online learning tools",
  ["The Lanternwire Foundation, Quillfeather Systems and the Teachers' Federation of Arvenne "
   "have published a set of privacy principles for software used in schools, and are calling "
   "on every education technology supplier in the country to sign up to them.",
   "The principles say that pupils' data should be used only to provide the educational "
   "service, never for advertising or to build commercial profiles; that data should be "
   "deleted when a pupil leaves the school; and that schools, parents and older pupils should "
   "be able to see what data is held.",
   ("q", "Schools should never have to choose between a useful tool and their pupils' "
         "privacy", "lwf"),
   ("q", "As a software company we know these principles are achievable, because we already "
         "follow them. There is no commercial excuse for doing less", "qfs"),
   ("q", "Teachers want to use technology that helps children learn, not technology that "
         "watches them", "tfa")])

H("joint", ["nwc", "bfc", "sdc", "nrt"], (2019, 11, 20), ["transport", "budget"],
  "Northern councils and transit operator call for regional rail investment",
  ["The leaders of Northwater City Council, Brackenford Borough Council and Saltmere District "
   "Council, together with Northwater Regional Transit, have written to the government "
   "calling for ARV 1.4 billion of investment in the region's railways over the next ten "
   "years.",
   "The letter says the region receives less than half the national average of transport "
   "spending per head, and that journeys between Brackenford and Saltmere take longer today "
   "than they did thirty years ago. It identifies three priorities: a direct rail link between "
   "Northwater and Saltmere, the reopening of the closed station at Sallow Green, and more "
   "frequent services on the Brackenford line.",
   ("q", "Our residents pay the same taxes as everyone else and deserve the same railways", "nwc"),
   ("q", "A young person in Saltmere should be able to get to a college or a job in Northwater "
         "without spending three hours a day on a bus", "sdc"),
   ("q", "Reopening Sallow Green station would put 20,000 people within walking distance of a "
         "train for the first time in half a century", "bfc")])

H("joint", ["moh", "ancu"], (2020, 9, 16), ["health", "labour"],
  "Agreement on safe staffing in care homes",
  ["The Ministry of Health and the Arvenne Nurses and Care Staff Union have reached an "
   "agreement on minimum staffing levels in residential care homes, which will become a "
   "condition of registration from next year.",
   "The agreement sets a minimum ratio of one care worker to every five residents during the "
   "day and one to every ten at night, with at least one registered nurse on duty at all "
   "times in homes that provide nursing care. Homes will have to publish their staffing "
   "levels every month.",
   ("q", "Residents and their families deserve to know that there will always be enough staff "
         "to care for them properly", "moh"),
   ("q", "This is the result of years of campaigning by care workers who refused to accept "
         "that understaffing was normal", "ancu"),
   "The ministry will provide transitional funding of ARV 48 million to help smaller homes "
   "recruit additional staff."])

H("joint", ["sdc", "mws"], (2020, 11, 4), ["water", "public safety"],
  "Joint update on water supply in Dunmoor",
  ["Saltmere District Council and Meridale Water Services can confirm that water supplies have "
   "been restored to all properties in Dunmoor following the burst of a trunk main on Monday "
   "evening.",
   "Around 2,300 homes were without water or had low pressure for up to 40 hours. Bottled "
   "water was distributed from the Dunmoor community hall, and council staff and volunteers "
   "delivered water to more than 400 vulnerable residents.",
   "Some customers may notice discoloured water as the system settles. This is not harmful, "
   "and running the cold kitchen tap for a few minutes should clear it.",
   ("q", "I want to apologise to everyone in Dunmoor for the disruption. Our engineers worked "
         "through two nights to repair a main that was laid in 1931, and we will be replacing "
         "the rest of it next year", "mws"),
   ("q", "The way neighbours looked after each other this week was remarkable. Thank you to "
         "every volunteer who carried water up a flight of stairs", "sdc"),
   "Meridale Water Services will pay compensation automatically to affected customers and will "
   "publish a report on the cause of the burst within four weeks."])

H("joint", ["hsb", "tva"], (2021, 4, 21), ["housing", "public safety"],
  "Joint statement on the cost of cladding repairs",
  ["The Arvenne Housing Standards Board and Tenants' Voice Arvenne are calling for a change in "
   "the law to ensure that residents of blocks with unsafe cladding are not asked to pay for "
   "its removal.",
   "Since the national fire safety standard was strengthened, owners of around 1,900 "
   "buildings have been told that combustible cladding must be replaced. In many cases "
   "building owners have tried to pass the cost on to leaseholders and tenants through "
   "service charges, with bills of ARV 20,000 or more per flat.",
   ("q", "Residents did not design these buildings, build them or approve the materials. They "
         "should not be the ones paying to make them safe", "hsb"),
   ("q", "People are being asked to pay for other people's failures while they lie awake "
         "worrying about fire", "tva")])

H("joint", ["glc", "tdwu"], (2021, 10, 6), ["environment", "labour", "transport"],
  "Climate coalition and transport union call for a just transition for depot workers",
  ["The Greenlattice Coalition and the Transit and Depot Workers' Union have issued a joint "
   "statement calling for every worker affected by the move to electric buses to be "
   "guaranteed retraining and a job on equal or better terms.",
   "Northwater Regional Transit plans to replace its entire diesel bus fleet by 2030. The "
   "conversion of depots and the different maintenance needs of electric vehicles will change "
   "the work of around 600 mechanics, cleaners and depot staff.",
   ("q", "Cleaner buses are good news for everyone who breathes the air in this city. But the "
         "transition will only succeed if the people who keep the buses running come with "
         "us", "glc"),
   ("q", "Our members are not afraid of new technology. They are afraid of being left behind "
         "by it", "tdwu")])

H("joint", ["mof", "moe"], (2022, 2, 9), ["budget", "education"],
  "Joint statement on the school funding settlement",
  ["The Ministry of Finance and the Ministry of Education today announced a three-year funding "
   "settlement for schools that will increase the core schools budget by ARV 1.1 billion by "
   "2025, an average real-terms increase of 2.4% a year per pupil.",
   "The settlement includes a new formula that directs additional money to schools serving "
   "disadvantaged areas and to small rural schools, and a separate grant of ARV 240 million a "
   "year for pupils with special educational needs.",
   ("q", "Three years of certainty will let head teachers plan properly for the first time in a "
         "decade", "moe"),
   ("q", "Investing in schools is investing in the country's future prosperity", "mof"),
   "Individual school allocations will be published in April."])

H("joint", ["nwc", "lor", "kel", "rib"], (2022, 9, 28), ["environment", "water"],
  "Twin cities sign joint pledge on adapting to heat and drought",
  ["Northwater and its three twin cities, Lorvanne, Kellbrück and Ribaclara, today signed a "
   "joint pledge to share expertise and data on adapting to hotter, drier summers, at a "
   "meeting held in Northwater's city hall.",
   "Under the pledge the four cities will publish comparable data on heat-related hospital "
   "admissions, tree canopy cover and water consumption, exchange staff between their parks "
   "and water departments, and host a shared summer school for young engineers each year.",
   "Ribaclara, where summer temperatures regularly exceed 40°C, will lead work on public "
   "cooling spaces. Kellbrück will share its experience of storing rainwater beneath streets "
   "to water trees, and Lorvanne its network of shaded walking routes.",
   ("q", "No city can face this alone. What works in Ribaclara today may be what Northwater "
         "needs in twenty years", "nwc"),
   ("q", "We have learned a great deal from our partners, and we are glad to share what we "
         "know", "lor"),
   ("q", "Water is the thread that runs through all of this. Every litre we save in our parks "
         "is a litre for our homes", "rib")])

H("joint", ["lwf", "tdwu"], (2023, 3, 15), ["digital rights", "labour"],
  "Joint statement on driver-facing cameras in buses",
  ["The Lanternwire Foundation and the Transit and Depot Workers' Union have called on "
   "Northwater Regional Transit to suspend the use of driver-facing cameras that analyse "
   "drivers' faces for signs of fatigue and distraction, pending a full privacy assessment.",
   "The system, introduced on 180 buses last autumn, records drivers' faces throughout their "
   "shifts and flags events such as yawning or looking away from the road. Drivers say they "
   "have been called to disciplinary meetings on the basis of automated alerts without being "
   "shown the footage.",
   ("q", "Nobody should be judged by an algorithm they cannot see or challenge, least of all at "
         "work", "lwf"),
   ("q", "Our members support anything that genuinely makes the roads safer. Being filmed for "
         "eight hours and disciplined by a computer is not that", "tdwu"),
   "The organisations say they support measures to reduce fatigue, but that the best way to "
   "achieve this is through proper rest breaks and reasonable shift patterns."])

H("joint", ["mti", "nrt", "tdwu"], (2023, 6, 21), ["transport", "public safety", "labour"],
  "Joint statement on safety on late-night services",
  ["The Ministry of Transport and Infrastructure, Northwater Regional Transit and the Transit "
   "and Depot Workers' Union have agreed a package of measures to improve the safety of "
   "passengers and staff on the night bus network and late-night trams.",
   "From September, two-person crews will operate on the busiest night bus routes on Friday "
   "and Saturday nights, and a team of 40 travel safety officers will patrol trams and "
   "stations until the last service. Every bus will be fitted with a full protective screen "
   "by the end of the year.",
   ("q", "Everyone using public transport late at night should feel safe, and so should the "
         "people who work on it", "mti"),
   ("q", "We listened to our drivers and to passengers, and this package is the result", "nrt"),
   ("q", "This agreement shows what can be achieved when employers, government and unions sit "
         "down together", "tdwu")])

H("joint", ["rka", "glc", "ancu", "tva"], (2024, 1, 24), ["water", "health"],
  "Clean water guarantee: joint letter to party leaders",
  ["Four organisations campaigning for a clean water guarantee have written to the leaders of "
   "every party in parliament, asking them to commit to legislation within the first year of "
   "the next parliament.",
   "The letter, signed by the Riverkeep Alliance, the Greenlattice Coalition, the Arvenne "
   "Nurses and Care Staff Union and Tenants' Voice Arvenne, notes that boil-water notices "
   "affected more than 75,000 households last year, and that the remaining lead service pipes "
   "are concentrated in older rented housing.",
   ("q", "Every party says it supports clean water. We are asking them to put it in writing",
    "rka"),
   ("q", "Nurses see what happens when water is unsafe: children with stomach infections, older "
         "people dehydrated because they are afraid to drink from the tap", "ancu"),
   "The organisations will publish the parties' replies on their websites in March."])

H("joint", ["bfc", "hsb"], (2014, 6, 11), ["housing"],
  "Joint inspection programme for private rented homes in Brackenford",
  ["Brackenford Borough Council and the Arvenne Housing Standards Board will jointly inspect "
   "every privately rented home in Cobble Row and Linthwaite over the next two years, the two "
   "bodies announced today.",
   "The programme follows complaints from tenants about damp, overcrowding and unsafe "
   "electrical wiring. Inspectors will visit around 2,600 properties, and landlords of homes "
   "that fail to meet the national standard will be required to carry out repairs.",
   ("q", "Most landlords in Brackenford do a good job. This programme is about the minority who "
         "do not, and the tenants who have been living with the consequences", "bfc"),
   ("q", "Working together means one visit, one set of standards and no excuses", "hsb")])

H("joint", ["moh", "moe"], (2024, 9, 11), ["health", "education"],
  "Joint statement on mental health support in schools",
  ["Every secondary school in Arvenne will have access to a trained mental health "
   "practitioner by 2027 under a plan announced jointly today by the Ministry of Health and "
   "the Ministry of Education.",
   "Practitioners will work with small groups and individual pupils experiencing anxiety, low "
   "mood and other common difficulties, and will help teachers recognise pupils who need "
   "specialist care. The first 120 practitioners will start work in January.",
   ("q", "Half of all mental health problems start before the age of fourteen. Support in "
         "school means help arrives when it can make the most difference", "moh"),
   ("q", "Teachers have been doing their best to support pupils who are struggling, but they "
         "are not therapists and should not have to be", "moe")])

H("joint", ["olaq", "sdc"], (2016, 4, 13), ["environment", "public safety"],
  "Joint update on the Kettle Point fuel spill",
  ["The Office for Land and Air Quality and Saltmere District Council can confirm that the "
   "clean-up of diesel fuel spilled from a damaged storage tank at Kettle Point is nearly "
   "complete.",
   "An estimated 14,000 litres of fuel escaped into the harbour on Saturday. Floating booms "
   "were deployed within two hours and have contained most of the spill. Contractors have "
   "recovered around 11,000 litres so far.",
   "The beaches at Kettle Point will remain closed until tests confirm that the sand and water "
   "are safe. Residents are asked not to touch oiled birds but to report them to the council's "
   "hotline.",
   ("q", "The speed of the response limited the damage, but we will be investigating how the "
         "tank came to fail and whether the operator met its obligations", "olaq"),
   ("q", "Thank you to the harbour staff and volunteers who worked through the weekend to "
         "protect our coastline", "sdc")])

# ---- one statement re-issued by five organisations (near-duplicates) ----
ND_P2 = ("Every household in Arvenne should be able to turn on a tap and trust what comes out "
         "of it. That is the promise at the heart of the clean water guarantee, and it is a "
         "promise that has not yet been kept.")
ND_P3 = ("Last year 31 boil-water notices were issued across the country, affecting more than "
         "60,000 homes. In Saltmere, residents of Dunmoor went eleven days without safe "
         "drinking water in February. Thousands of homes, most of them older rented "
         "properties, are still supplied through lead pipes.")
ND_P4 = ("We call on the government to do three things: to write the clean water guarantee into "
         "law, with a duty on suppliers to restore a safe supply within 48 hours; to fund the "
         "replacement of every remaining lead service pipe by 2030; and to give the Arvenne "
         "Water Regulation Authority the power to fine suppliers that fail repeatedly.")
ND_Q = ("Clean water is not a luxury. It is the first thing a country owes the people who live "
        "in it")
ND_P6 = ("The statement is supported by community groups, unions, health workers and local "
         "councils. Organisations that wish to add their name can do so at "
         "riverkeep.example/guarantee.")

H("near-duplicate", ["rka"], (2022, 6, 8), ["water"],
  "Clean water guarantee: a statement from the Riverkeep Alliance",
  ["The Riverkeep Alliance today published the following statement calling on the government "
   "to put the clean water guarantee into law before the end of this parliamentary session.",
   ND_P2, ND_P3, ND_P4, ("q", ND_Q, "rka"), ND_P6])
H("near-duplicate", ["glc"], (2022, 6, 9), ["water"],
  "Greenlattice Coalition backs the clean water guarantee",
  ["The Greenlattice Coalition today added its name to the following statement calling on the "
   "government to put the clean water guarantee into law before the end of this "
   "parliamentary session.",
   ND_P2, ND_P3, ND_P4, ("q", ND_Q, "glc"),
   ND_P6.replace("community groups, unions", "community groups, environmental organisations, "
                 "unions")])
H("near-duplicate", ["tva"], (2022, 6, 13), ["water"],
  "Tenants join call for a clean water guarantee",
  ["Tenants' Voice Arvenne today added its name to the following statement calling on the "
   "government to put the clean water guarantee into law before the end of this "
   "parliamentary session.",
   ND_P2, ND_P3 + " Tenants are the least able to replace them.", ND_P4, ("q", ND_Q, "tva"),
   ND_P6])
H("near-duplicate", ["ancu"], (2022, 6, 15), ["water", "health"],
  "Nurses' union signs clean water guarantee statement",
  ["The Arvenne Nurses and Care Staff Union today added its name to the following statement "
   "calling on the government to put the clean water guarantee into law before the end of "
   "this parliamentary session.",
   ND_P2, ND_P3, ND_P4,
   ("q", ND_Q.replace("not a luxury.", "not a luxury; it is public health."), "ancu"), ND_P6])
H("near-duplicate", ["sdc"], (2022, 6, 21), ["water"],
  "Saltmere District Council endorses clean water guarantee statement",
  ["Saltmere District Council today added its name to the following statement calling on the "
   "government to put the clean water guarantee into law before the end of this "
   "parliamentary session.",
   ND_P2, ND_P3.replace("In Saltmere, residents", "Here in Saltmere, residents"), ND_P4,
   ("q", ND_Q, "sdc"), ND_P6])

# ---- one body published twice under two ids (exact duplicate) ----
NIGHT_BUS = [
    "The night bus network will be extended to Harrow Quay and Fennick Hill from Friday 6 "
    "November, giving residents of both districts a bus home after midnight for the first time "
    "in more than ten years.",
    "Route N7 will run every 30 minutes from the city centre to Harrow Quay, and route N9 every "
    "40 minutes to Fennick Hill, on Friday and Saturday nights between midnight and 5 am. Both "
    "routes stop outside Northwater General Hospital.",
    ("q", "Hospital staff, cleaners and bar workers told us they had no safe way home after a "
          "late shift. These two routes are our answer", "nrt"),
    "Timetables are available at stops, on the Northwater Regional Transit website and in the "
    "journey planner app.",
]
H("identical-body", ["nrt"], (2020, 10, 21), ["transport"],
  "Night bus network extended to Harrow Quay and Fennick Hill", NIGHT_BUS, style="iso")
H("identical-body", ["nwc"], (2020, 10, 21), ["transport"],
  "Night bus network extended to Harrow Quay and Fennick Hill", NIGHT_BUS, style="iso")

# ---- single releases carrying planted test features ----
H("rare:heliograph", ["nwc"], (2017, 4, 26), ["education"],
  "Restored signal station on Fennick Hill opens to school groups",
  ["The nineteenth-century signal station on Fennick Hill has reopened after a two-year "
   "restoration and will welcome its first school groups next week, Northwater City Council "
   "announced today.",
   "The station was built in 1868 to pass messages between the harbour and the hill farms "
   "inland. Its centrepiece, a restored heliograph, uses a pair of mirrors to flash sunlight "
   "in coded pulses across distances of up to 50 kilometres on a clear day.",
   ("q", "Children who visit will be able to send a message across the valley using nothing but "
         "sunlight and a mirror. It is a wonderful way to bring science and history to life",
    "nwc"),
   "Visits for schools are free and can be booked through the council's learning team. The "
   "station will also open to the public on the first Sunday of every month from May to "
   "September.",
   ORGS["nwc"]["about"]])

H("rare:quillwort", ["awra"], (2019, 8, 14), ["environment", "water"],
  "Rare plant find pauses maintenance at Dunmoor reservoir",
  ["Planned maintenance at Dunmoor reservoir has been paused after ecologists found a colony of "
   "lake quillwort, a rare aquatic plant, growing in shallow water near the dam, the Arvenne "
   "Water Regulation Authority announced today.",
   "The plant grows only in clear, nutrient-poor water and has not been recorded in the "
   "Saltmere district for more than sixty years. The maintenance work, which would have "
   "required the water level to be lowered by four metres, could have exposed and killed the "
   "colony.",
   ("q", "This is a welcome surprise and a sign of how clean the water in Dunmoor has become. We "
         "will work with the supplier and with ecologists to find a way of doing the essential "
         "work without harming the plants", "awra"),
   "The authority says the drinking water supply is not affected. Meridale Water Services, "
   "which operates the reservoir, will carry out a revised programme of work from a floating "
   "platform next spring."])

H("rare:sousaphone", ["bfc"], (2021, 3, 10), ["education"],
  "Instrument library lends its 500th instrument",
  ["Brackenford's free musical instrument library has lent its 500th instrument, Brackenford "
   "Borough Council announced today, two years after the scheme was set up in the Cobble Row "
   "branch library.",
   "The library holds more than 300 instruments, from violins and keyboards to a full drum kit "
   "and a sousaphone, most of them donated by residents. Children and adults can borrow an "
   "instrument for up to three months free of charge, and the council's music service offers "
   "taster lessons every Saturday.",
   ("q", "Learning an instrument should not depend on whether your family can afford to buy one. "
         "Every one of these 500 loans is a chance for someone to discover a talent", "bfc"),
   "The 500th instrument, a cello, was borrowed by a nine-year-old pupil from Sallow Green "
   "Primary School. The library is appealing for donations of brass instruments, for which "
   "there is a waiting list."])

H("rare:palimpsest", ["lwf"], (2020, 2, 5), ["digital rights"],
  "Audit finds thousands of outdated records in national address register",
  ["An audit of the national address register by the Lanternwire Foundation has found that "
   "around 41,000 records contain personal details of people who moved or died more than five "
   "years ago, in breach of data protection law.",
   "The register, used by public bodies to check identities and deliver services, has been "
   "updated by hundreds of different agencies since it was created. The foundation describes "
   "it as a palimpsest of overwritten entries, in which old addresses are often not deleted "
   "but simply hidden beneath new ones, and remain visible to thousands of officials.",
   ("q", "A register that never forgets is not an asset; it is a liability. Every outdated "
         "record is a risk to someone who moved to get away from an abusive partner or a "
         "debt collector", "lwf"),
   "The foundation has referred its findings to the Arvenne Data Protection Commissioner and "
   "asked the agency responsible for the register to publish a plan to correct it.",
   ORGS["lwf"]["about"]])

H("rare:tessellated", ["hsb"], (2015, 10, 7), ["housing", "environment"],
  "Restored Old Tannery tenement shows what retrofit can achieve",
  ["A nineteenth-century tenement in Northwater's Old Tannery district has been restored and "
   "retrofitted to near-zero carbon standards without losing its historic features, the "
   "Arvenne Housing Standards Board said today, publishing a case study it hopes will be used "
   "by owners of similar buildings across the country.",
   "The building's twelve flats now have internal wall insulation, triple-glazed sash windows "
   "and a shared heat pump, cutting energy use by around 70%. The original tessellated tiles "
   "in the entrance hall, the cast-iron stair balustrade and the carved door surround were "
   "all kept.",
   ("q", "Old buildings are not the enemy of net zero. With care, they can be warm, cheap to "
         "heat and every bit as beautiful as the day they were built", "hsb"),
   "The case study sets out the costs of each measure and the lessons learned, including how "
   "to insulate solid walls without trapping moisture, a common cause of damp in older "
   "buildings."])

H("script", ["lwf"], (2018, 6, 6), ["digital rights", "public safety"],
  "Security flaw in Brackenford council feedback form put staff at risk, foundation says",
  ["A security flaw in the online feedback form run by Brackenford Borough Council allowed "
   "anyone to plant malicious code that would run in the browsers of council staff, the "
   "Lanternwire Foundation said today.",
   "The foundation's researchers found that the form accepted text such as "
   "<script>alert(1)</script> in the comment field and displayed it, unescaped, to staff "
   "reviewing submissions in the council's case management system. An attacker could have "
   "used the flaw, known as cross-site scripting, to take over staff accounts and read "
   "residents' complaints, some of which contained medical and financial details.",
   "The foundation reported the problem to the council on 2 May under its responsible "
   "disclosure policy. The council fixed the form within nine days and says it has found no "
   "evidence that the flaw was exploited.",
   ("q", "This is one of the oldest and best-understood mistakes in web development, and it is "
         "still turning up in systems that hold sensitive information about residents", "lwf"),
   "The foundation is calling on all public bodies in Arvenne to publish a vulnerability "
   "disclosure policy so that researchers know how to report problems safely."])

H("non-ascii-title", ["sdc"], (2019, 7, 3), ["water", "environment"],
  "Harbour Café becomes Saltmere's first free water refill point",
  ["Walkers, cyclists and visitors to Saltmere Harbour can now refill their water bottles for "
   "free at the Harbour Café, the first of 25 refill points Saltmere District Council plans "
   "to open along the coast this summer.",
   "Businesses taking part display a blue sticker in their window and agree to fill any bottle "
   "with tap water, no purchase required. The council is also installing four public drinking "
   "fountains on the seafront and at Kettle Point.",
   ("q", "Every refill is one less plastic bottle on our beaches. Saltmere's tap water is "
         "excellent, and we want visitors to enjoy it", "sdc"),
   ("qx", "We get asked for water all day in summer, so this was an easy decision",
    "Bastien Follett", "who runs the café")])

# ---- releases by the twin cities, in their own languages ----
H("foreign", ["lor"], (2015, 9, 2), ["transport"],
  "Lorvanne inaugure la ligne 4 du tramway vers le quartier des Tanneurs",
  ["La Ville de Lorvanne a inauguré ce mercredi la ligne 4 du tramway, qui relie la gare "
   "centrale au quartier des Tanneurs en dix-huit minutes. Les premières rames ont circulé dès "
   "5 h 30 ce matin.",
   "Longue de 7,2 kilomètres, la nouvelle ligne compte douze stations. Un tramway passera "
   "toutes les six minutes aux heures de pointe et toutes les dix minutes en soirée. Le coût "
   "total du projet s'élève à 186 millions d'ARV, financés par la ville, la région et "
   "l'État.",
   "« Cette ligne change la vie des habitants des Tanneurs, qui étaient jusqu'ici les plus "
   "éloignés du centre-ville. C'est une question de justice autant que de mobilité », a "
   "déclaré Claire Duvivier-Anand, maire de Lorvanne.",
   "Pour fêter l'ouverture, les trajets sur la ligne 4 sont gratuits jusqu'à dimanche. Deux "
   "parkings relais de 400 places ont également été aménagés aux terminus."],
  language="fr")

H("foreign", ["lor"], (2018, 6, 20), ["water"],
  "Qualité de l'eau : la Ville de Lorvanne publie son rapport annuel",
  ["La Ville de Lorvanne a publié aujourd'hui son rapport annuel sur la qualité de l'eau "
   "potable. En 2017, 99,8 % des 2 140 analyses réalisées sur le réseau de distribution "
   "étaient conformes aux normes en vigueur.",
   "Les quelques non-conformités relevées concernaient principalement la turbidité, après les "
   "fortes pluies du mois de janvier, ainsi que des traces de plomb dans trois immeubles "
   "anciens du centre historique. Les propriétaires concernés ont été informés et des travaux "
   "de remplacement des canalisations sont en cours.",
   "« L'eau du robinet à Lorvanne est d'excellente qualité, et elle coûte jusqu'à deux cents "
   "fois moins cher que l'eau en bouteille. Nous voulons que chaque habitant puisse la boire "
   "en toute confiance », a déclaré Mathis Lefranc-Okoye, adjoint au maire chargé de la "
   "transition écologique.",
   "Le rapport complet est disponible en mairie et sur le site internet de la ville."],
  language="fr")

H("foreign", ["lor"], (2021, 7, 20), ["environment", "health", "public safety"],
  "Canicule : la Ville ouvre des « salles fraîches » dans ses bibliothèques",
  ["Face à l'épisode de forte chaleur annoncé pour les prochains jours, la Ville de Lorvanne "
   "ouvre dès demain cinq « salles fraîches » climatisées dans ses bibliothèques et ses "
   "maisons de quartier. Elles seront accessibles gratuitement à tous, de 10 h à 20 h, y "
   "compris le dimanche.",
   "Les personnes âgées, isolées ou handicapées peuvent s'inscrire sur le registre municipal "
   "pour recevoir un appel quotidien des agents de la ville pendant toute la durée de "
   "l'alerte. Plus de 1 800 personnes y sont déjà inscrites.",
   "« Nous demandons à chacun de prendre des nouvelles de ses voisins, de boire régulièrement "
   "de l'eau et d'éviter les efforts physiques aux heures les plus chaudes », a déclaré Claire "
   "Duvivier-Anand, maire de Lorvanne.",
   "Les fontaines publiques du centre-ville et des parcs ont été remises en service, et les "
   "piscines municipales resteront ouvertes jusqu'à 21 h."],
  language="fr")

H("foreign", ["lor"], (2023, 11, 8), ["housing", "environment"],
  "Logement : 320 logements sociaux rénovés dans le quartier Saint-Éloi",
  ["La Ville de Lorvanne et l'office municipal de l'habitat ont achevé la rénovation "
   "énergétique de 320 logements sociaux dans le quartier Saint-Éloi. Les travaux, d'un "
   "montant de 14,6 millions d'ARV, ont duré deux ans.",
   "Isolation des façades et des toitures, remplacement des fenêtres, installation d'une "
   "chaufferie collective au bois : selon les premières mesures, la consommation d'énergie des "
   "immeubles a baissé de 55 %. Pour un ménage, l'économie de chauffage est estimée à 480 ARV "
   "par an.",
   "« Rénover, c'est à la fois lutter contre le changement climatique et rendre du pouvoir "
   "d'achat aux familles. Les locataires ont été associés à chaque étape du projet », a "
   "déclaré Claire Duvivier-Anand, maire de Lorvanne.",
   "Les loyers n'augmenteront pas à la suite des travaux. Une deuxième tranche de 280 "
   "logements, dans le quartier du Pré-Vert, doit débuter au printemps prochain."],
  language="fr")

H("foreign", ["kel"], (2016, 3, 9), ["water"],
  "Stadt Kellbrück erneuert Trinkwasserleitungen in der Altstadt",
  ["Die Stadt Kellbrück beginnt im kommenden Monat mit der Erneuerung der "
   "Trinkwasserleitungen in der Altstadt. Auf einer Länge von rund 3,4 Kilometern werden "
   "Leitungen ersetzt, die zum Teil mehr als hundert Jahre alt sind.",
   "Die Arbeiten werden abschnittsweise durchgeführt und sollen bis Ende nächsten Jahres "
   "abgeschlossen sein. Die Anwohnerinnen und Anwohner werden jeweils mindestens eine Woche "
   "vorher schriftlich informiert; Unterbrechungen der Wasserversorgung sollen nicht länger "
   "als vier Stunden dauern.",
   "„Sauberes Trinkwasser ist die Grundlage für alles. Mit dieser Investition sorgen wir "
   "dafür, "
   "dass die Altstadt auch in den nächsten Jahrzehnten sicher versorgt ist“, sagte Ansgar "
   "Wittrock, Leiter der Stadtwerke Kellbrück.",
   "Die Gesamtkosten betragen 5,8 Millionen ARV. Während der Bauarbeiten bleiben alle "
   "Geschäfte in der Altstadt zu Fuß erreichbar."],
  language="de")

H("foreign", ["kel"], (2019, 9, 6), ["transport", "public safety"],
  "Kellbrück führt Tempo 30 in allen Wohngebieten ein",
  ["Ab dem 1. Oktober gilt in allen Wohngebieten der Stadt Kellbrück eine "
   "Höchstgeschwindigkeit von 30 Kilometern pro Stunde. Das hat der Stadtrat am Donnerstag "
   "mit großer Mehrheit beschlossen.",
   "Ziel der Maßnahme ist es, die Zahl der Verkehrsunfälle zu senken und den Lärm in den "
   "Wohnstraßen zu verringern. Auf den Hauptverkehrsstraßen bleibt es bei Tempo 50. In den "
   "ersten Wochen wird die Polizei vor allem informieren und nur in Ausnahmefällen Bußgelder "
   "verhängen.",
   "„Bei Tempo 30 überleben deutlich mehr Fußgängerinnen und Fußgänger einen Unfall. Es "
   "geht "
   "um die Sicherheit unserer Kinder auf dem Schulweg“, sagte Oberbürgermeisterin Dr. Jutta "
   "Sommerfeld-Ekwall.",
   "Die neuen Verkehrsschilder werden in den kommenden Wochen aufgestellt."],
  language="de")

H("foreign", ["kel"], (2022, 5, 18), ["digital rights", "public safety"],
  "Keine Videoüberwachung am Bahnhofsplatz: Stadtrat lehnt Pilotprojekt ab",
  ["Der Stadtrat von Kellbrück hat ein Pilotprojekt zur Videoüberwachung mit automatischer "
   "Gesichtserkennung am Bahnhofsplatz abgelehnt. Stattdessen sollen die Beleuchtung "
   "verbessert und zusätzliche Streetworker eingesetzt werden.",
   "Nach Angaben der Stadtverwaltung ist die Zahl der Straftaten am Bahnhofsplatz in den "
   "vergangenen zwei Jahren um 12 Prozent gesunken. Datenschützer und mehrere "
   "Bürgerinitiativen hatten sich gegen das Projekt ausgesprochen.",
   "„Sicherheit und Freiheit sind kein Gegensatz. Wir setzen auf Menschen statt auf Kameras, "
   "die jeden Passanten erfassen“, sagte Oberbürgermeisterin Dr. Jutta Sommerfeld-Ekwall.",
   "Die eingesparten Mittel in Höhe von 420.000 ARV fließen in die Sozialarbeit rund um den "
   "Bahnhof."],
  language="de")

H("foreign", ["rib"], (2017, 10, 25), ["education"],
  "Ribaclara abrirá tres nuevas escuelas infantiles el próximo año",
  ["El Ayuntamiento de Ribaclara abrirá el próximo año tres nuevas escuelas infantiles "
   "públicas en los barrios de San Telmo, La Vega y El Arenal, con un total de 246 plazas "
   "para niños y niñas de cero a tres años.",
   "La inversión asciende a 4,2 millones de ARV. Las escuelas contarán con comedor propio, "
   "patios con sombra y un horario ampliado de 7.30 a 17.30 para facilitar la conciliación de "
   "las familias.",
   "«La educación en los primeros años es la mejor inversión que puede hacer una ciudad. "
   "Queremos que ninguna familia tenga que elegir entre trabajar y cuidar de sus hijos», "
   "afirmó Lucía Marmolejo Ferrán, alcaldesa de Ribaclara.",
   "El plazo de preinscripción se abrirá en primavera. Las familias con menos ingresos tendrán "
   "prioridad y no pagarán cuota."],
  language="es")

H("foreign", ["rib"], (2020, 6, 10), ["housing"],
  "El Ayuntamiento de Ribaclara aprueba un plan de vivienda asequible para jóvenes",
  ["El pleno del Ayuntamiento de Ribaclara ha aprobado un plan para construir 600 viviendas de "
   "alquiler asequible en los próximos seis años, destinadas principalmente a jóvenes menores "
   "de 35 años y a familias con ingresos bajos.",
   "El alquiler no superará el 30 % de los ingresos de cada hogar. Las viviendas se levantarán "
   "en suelo municipal, y una parte se reservará para personas mayores que vivan solas.",
   "«Muchos jóvenes de Ribaclara tienen que marcharse porque no pueden pagar un piso. Este plan "
   "quiere que puedan quedarse en su ciudad», declaró Andrés Quintanilla Soto, concejal de "
   "Vivienda.",
   "Las primeras 150 viviendas estarán listas en 2022."],
  language="es")

H("foreign", ["rib"], (2024, 5, 22), ["water", "environment"],
  "Ribaclara reduce un 18 % el consumo de agua en los parques municipales",
  ["El consumo de agua en los parques y jardines municipales de Ribaclara se ha reducido un "
   "18 % en el último año gracias a la instalación de sensores de humedad y a la sustitución "
   "del césped por plantas autóctonas adaptadas a la sequía.",
   "El Ayuntamiento ha instalado más de 900 sensores que permiten regar solo cuando el suelo "
   "lo necesita. Además, el agua regenerada de la depuradora ya abastece el riego de once "
   "parques.",
   "«En un año de sequía como este, cada litro cuenta. Hemos demostrado que se pueden mantener "
   "parques verdes y frescos gastando mucha menos agua», señaló Lucía Marmolejo Ferrán, "
   "alcaldesa de Ribaclara.",
   "El plan se extenderá a los colegios públicos de la ciudad a partir del próximo curso."],
  language="es")

# Weekday words used in handwritten prose, checked against the dates above.
HAND_WEEKDAY_CHECKS = [((2015, 9, 2), 2), ((2019, 9, 6), 4), ((2020, 11, 4), 2),
                       ((2020, 11, 6), 4), ((2016, 4, 13), 2)]


def render_hand(rng, h):
    y, m, d = h["date"]
    hh, mi = pick_time(rng)
    when = dt.datetime(y, m, d, hh, mi)
    assert when.weekday() < 5, h["title"]
    paras = []
    for p in h["paras"]:
        if isinstance(p, str):
            paras.append(p)
        elif p[0] == "q":
            name, role = speaker(ORGS[p[2]], y, h["topics"][0])
            paras.append(quote_para(rng, p[1], name, role, style="said"))
        elif p[0] == "qx":
            paras.append(quote_para(rng, p[1], p[2], p[3], style="said"))
    return dict(_org=h["issuers"][0], _issuers=h["issuers"], _when=when, _kind=h["kind"],
                _event=None, _style=h["style"], _extra=h["extra"], title=h["title"],
                topics=h["topics"], body="\n\n".join(paras), language=h["language"])


# ---------------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------------

FILES = [("releases-2014-2015.jsonl", 2014, 2015), ("releases-2016-2017.jsonl", 2016, 2017),
         ("releases-2018-2019.jsonl", 2018, 2019), ("releases-2020-2021.jsonl", 2020, 2021),
         ("releases-2022-2024.jsonl", 2022, 2024)]

# Planted test features (see README.md). Each rare word must occur in exactly one release.
RARE_WORDS = ["heliograph", "quillwort", "sousaphone", "palimpsest", "tessellated"]
PHRASES = ["clean water guarantee", "fair rent charter", "night bus network"]

HSB_PRESS = {"name": "Agnieszka Holloway-Dunn", "email": "media@housing-standards.example"}


def year_plan(rng, quota):
    years = []
    while len(years) < quota:
        batch = YEARS[:]
        rng.shuffle(batch)
        years.extend(batch)
    return sorted(years[:quota])


def similarity(a, b):
    """difflib's ratio is order-dependent; take the larger of the two."""
    return max(difflib.SequenceMatcher(None, a, b).ratio(),
               difflib.SequenceMatcher(None, b, a).ratio())


def generate_templated(rng, taken_titles):
    out = []
    seen = set()  # (event, org, year): one release of a kind per organisation and year
    per_org = Counter()  # (event, org): max_uses applies per organisation
    bodies = {e["code"]: [] for e in EVENTS}
    for key in ORG_ORDER:
        o = ORGS[key]
        if not o["quota"]:
            continue
        for year in year_plan(rng, o["quota"]):
            for _ in range(400):
                topics = list(o["topics"])
                topic = rng.choices(topics, weights=[o["topics"][t] for t in topics])[0]
                cands = [e for e in EVENTS if eligible(e, o) and topic in event_topics(e, o)
                         and per_org[(e["code"], key)] < e["max_uses"]
                         and (e["code"], key, year) not in seen]
                if not cands:
                    continue
                low = min(e["uses"] for e in cands)
                ev = rng.choice([e for e in cands if e["uses"] == low])
                rec = render_event(rng, ev, o, year)
                if rec["title"] in taken_titles:
                    continue
                # keep reuses of a release type clearly different from each other, so that the
                # planted near-duplicates are the only near-duplicates in the archive
                if any(similarity(rec["body"], other) >= 0.8 for other in bodies[ev["code"]]):
                    continue
                ev["uses"] += 1
                per_org[(ev["code"], key)] += 1
                seen.add((ev["code"], key, year))
                taken_titles.add(rec["title"])
                bodies[ev["code"]].append(rec["body"])
                out.append(rec)
                break
            else:
                raise RuntimeError(f"no release type left for {key} in {year}")
    return out


def build_records():
    rng = random.Random(SEED)
    for (y, m, d), wd in HAND_WEEKDAY_CHECKS:
        assert dt.date(y, m, d).weekday() == wd, (y, m, d)
    hand = [render_hand(rng, h) for h in HAND]
    titles = {h["title"] for h in hand}
    recs = generate_templated(rng, titles) + hand

    # date formats: each organisation's house style, with some plain ISO dates mixed in
    for r in recs:
        o = ORGS[r["_org"]]
        style = r.get("_style")
        if not style:
            style = o["style"] if rng.random() < 0.8 else "iso"
        r["_style"] = style
    # two releases dated to the month only
    for org_key, year in (("glc", 2016), ("tva", 2021)):
        cand = sorted((r for r in recs if r["_org"] == org_key and r["_kind"] == "templated"),
                      key=lambda r: (abs(r["_when"].year - year), r["_when"]))
        cand[0]["_style"] = "ym"

    # ids and urls: per lead organisation and year, numbered in date order with gaps, as if
    # the archive held a subset of each newsroom's releases
    groups = {}
    for r in recs:
        groups.setdefault((r["_org"], r["_when"].year), []).append(r)
    for (key, year), group in sorted(groups.items()):
        group.sort(key=lambda r: (r["_when"], r["title"]))
        seq = rng.randint(1, 9)
        for r in group:
            r["_seq"] = seq
            r["id"] = f"{key}-{year}-{seq:03d}"
            o = ORGS[key]
            r["url"] = "https://" + o["domain"] + o["url"].format(
                year=year, seq=f"{seq:03d}", id=r["id"], yy=f"{year % 100:02d}")
            seq += rng.randint(1, 4)

    # the final records, canonical field order, then extra fields
    hsb_contacts = 0
    out = []
    for r in sorted(recs, key=lambda r: (r["_when"], r["id"])):
        o = ORGS[r["_org"]]
        rec = {
            "id": r["id"],
            "date": format_date(r["_when"], r["_style"]),
            "issuers": [ORGS[k]["name"] for k in r["_issuers"]],
            "topics": r["topics"],
            "title": r["title"],
            "body": r["body"],
            "url": r["url"],
            "language": r.get("language", o["language"]),
            "source": o["source"],
        }
        extra = dict(r.get("_extra") or {})
        if o["key"] == "moh":
            extra["contact"] = "press@health.gov-arvenne.example"
        if o["key"] == "mof":
            extra["release_number"] = f"{r['_when'].year % 100:02d}-{r['_seq']:03d}"
        if o["key"] == "hsb" and hsb_contacts < 3:
            extra["media_contact"] = dict(HSB_PRESS)
            hsb_contacts += 1
        if r["_event"] == "E1":
            extra["embargo"] = r["_when"].strftime("%Y-%m-%d") + "T00:01:00" + TZ
        if r["_event"] == "W3":
            extra["attachments"] = [
                f"https://awra.example/reports/drinking-water-quality-{r['_when'].year - 1}.pdf"]
        rec.update(extra)
        rec["_meta"] = r  # removed before writing
        out.append(rec)
    return out


# ---------------------------------------------------------------------------------------------
# Checks and counts
# ---------------------------------------------------------------------------------------------

WORD_RE = re.compile(r"\w+", re.UNICODE)


def norm_words(text):
    return " " + " ".join(w.lower() for w in WORD_RE.findall(text)) + " "


def check(records):
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicate ids"
    urls = [r["url"] for r in records]
    assert len(urls) == len(set(urls)), "duplicate urls"
    for r in records:
        for f in ("title", "body"):
            t = r[f]
            assert "{" not in t and "}" not in t and "[[" not in t and "]]" not in t, (r["id"], t)
            assert " a ARV" not in t and "  " not in t, (r["id"], t)
            assert not re.search(r"\b(the|a|an) (the|a|an)\b", t, re.I), (r["id"], t)
            assert t == t.strip()
        paras = r["body"].split("\n\n")
        assert 3 <= len(paras) <= 8, (r["id"], len(paras))
        assert all(p.strip() == p and p and "\n" not in p for p in paras), r["id"]
        assert 1 <= len(r["issuers"]) <= 4 and 1 <= len(r["topics"]) <= 3
        assert len(set(r["topics"])) == len(r["topics"])
        assert r["url"].startswith("https://") and ".example/" in r["url"]
    # rare words: exactly one release each, and no other inflected form anywhere
    for w in RARE_WORDS:
        hits = [r["id"] for r in records
                if re.search(r"\b" + w, r["title"] + " " + r["body"], re.I)]
        assert len(hits) == 1, (w, hits)


def phrase_hits(records, phrase):
    p = norm_words(phrase)
    return sorted(r["id"] for r in records
                  if p in norm_words(r["title"]) or p in norm_words(r["body"]))


def counts(records, files):
    def tally(key):
        c = Counter()
        for r in records:
            vals = key(r)
            for v in (vals if isinstance(vals, list) else [vals]):
                c[v] += 1
        return dict(sorted(c.items()))

    meta = {r["id"]: r["_meta"] for r in records}
    canonical = {"id", "date", "issuers", "topics", "title", "body", "url", "language", "source",
                 "_meta"}
    quote_re = re.compile(r'," said [A-Z]')
    by_kind = lambda k: sorted(i for i, m in meta.items() if m["_kind"] == k)
    return {
        "note": "Computed by scripts/make-sample-corpus.py from the records it wrote to "
                "corpus/releases/. Everything in the archive is fictional.",
        "total": len(records),
        "per_file": {name: n for name, n in files},
        "per_issuer": tally(lambda r: r["issuers"]),
        "per_topic": tally(lambda r: r["topics"]),
        "per_year": tally(lambda r: str(meta[r["id"]]["_when"].year)),
        "per_language": tally(lambda r: r["language"]),
        "per_source": tally(lambda r: r["source"]),
        "per_date_format": tally(lambda r: meta[r["id"]]["_style"]),
        "issuers": len({i for r in records for i in r["issuers"]}),
        "topics": len({t for r in records for t in r["topics"]}),
        "years": len({meta[r["id"]]["_when"].year for r in records}),
        "joint_statements": sum(1 for r in records if len(r["issuers"]) > 1),
        "multi_topic_records": sum(1 for r in records if len(r["topics"]) > 1),
        "records_with_quotes": sum(1 for r in records if quote_re.search(r["body"])),
        "planted": {
            "rare_words": {w: [r["id"] for r in records
                               if re.search(r"\b" + w, r["title"] + " " + r["body"], re.I)][0]
                           for w in RARE_WORDS},
            "phrases": {p: phrase_hits(records, p) for p in PHRASES},
            "script_in_body": [r["id"] for r in records if "<script>" in r["body"]],
            "non_ascii_title": by_kind("non-ascii-title"),
            "near_duplicates": [r["id"] for r in records
                                if meta[r["id"]]["_kind"] == "near-duplicate"],
            "identical_bodies": by_kind("identical-body"),
            "joint_statement_ids": sorted(r["id"] for r in records if len(r["issuers"]) > 1),
            "year_month_dates": sorted(r["id"] for r in records
                                       if meta[r["id"]]["_style"] == "ym"),
            "extra_fields": {r["id"]: [k for k in r if k not in canonical]
                             for r in records if set(r) - canonical},
        },
    }


def write_releases(records, out_dir):
    rel = out_dir / "releases"
    rel.mkdir(parents=True, exist_ok=True)
    for old in rel.glob("*.jsonl"):
        old.unlink()
    files = []
    for name, y0, y1 in FILES:
        chosen = [r for r in records if y0 <= r["_meta"]["_when"].year <= y1]
        lines = []
        for r in chosen:
            clean = {k: v for k, v in r.items() if k != "_meta"}
            lines.append(json.dumps(clean, ensure_ascii=False))
        (rel / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append((name, len(chosen)))
    assert sum(n for _, n in files) == len(records)
    return files


# ---------------------------------------------------------------------------------------------
# corpus/broken: deliberately broken inputs for the importer tests
# ---------------------------------------------------------------------------------------------

def fixture(rid, title, body, date="2019-03-14", issuers=("Northwater City Council",),
            topics=("water",)):
    return {"id": rid, "date": date, "issuers": list(issuers), "topics": list(topics),
            "title": title, "body": body, "url": f"https://broken-fixtures.example/{rid}",
            "language": "en", "source": "broken-fixtures"}


def jl(obj):
    return json.dumps(obj, ensure_ascii=False)


def write_lines(path, rows):
    """rows: (text or bytes, status, id, note). status: good | bad | skipped."""
    data = b"".join((t if isinstance(t, bytes) else t.encode("utf-8")) + b"\n"
                    for t, *_ in rows)
    path.write_bytes(data)
    return [(i + 1, status, rid, note) for i, (_, status, rid, note) in enumerate(rows)]


def line_table(facts):
    out = ["| line | id | status | what |", "|---:|---|---|---|"]
    for n, status, rid, note in facts:
        out.append(f"| {n} | {rid or '—'} | {status} | {note} |")
    return "\n".join(out)


def summary(facts):
    good = [n for n, s, *_ in facts if s == "good"]
    bad = [n for n, s, *_ in facts if s == "bad"]
    skipped = [n for n, s, *_ in facts if s == "skipped"]
    parts = [f"{len(facts)} lines; **{len(good)} good records** (lines "
             f"{', '.join(map(str, good))}); "
             + (f"**{len(bad)} bad** (lines {', '.join(map(str, bad))})" if bad
                else "**0 bad**")]
    if skipped:
        parts.append(f"; {len(skipped)} skipped (line{'s' if len(skipped) > 1 else ''} "
                     f"{', '.join(map(str, skipped))})")
    return "".join(parts) + "."


def write_broken(out_dir):
    b = out_dir / "broken"
    b.mkdir(parents=True, exist_ok=True)
    sections = []

    # malformed.jsonl
    facts = write_lines(b / "malformed.jsonl", [
        (jl(fixture("brk-mal-001", "Good record before the damage",
                    "The first line of this file is a complete, valid record.")),
         "good", "brk-mal-001", "valid record"),
        ('{"id": "brk-mal-002", "date": "2019-03-15", "issuers": ["Northwater City Council"], '
         '"title": "This line was cut off in the mid', "bad", "brk-mal-002",
         "malformed JSON: truncated object (ends inside a string)"),
        (jl(fixture("brk-mal-003", "Good record between broken lines",
                    "Importers must keep going after a bad line.")),
         "good", "brk-mal-003", "valid record"),
        ('{"id": "brk-mal-004", "title": "Trailing comma", '
         '"body": "An object with a comma after its last member.",}', "bad", "brk-mal-004",
         "malformed JSON: trailing comma before `}`"),
        ("", "skipped", None, "empty line: skipped, counted neither as a record nor as an error"),
        ('"just a bare string, not an object"', "bad", None,
         "valid JSON but a string, not an object (`invalid_record`: not an object)"),
        ('[' + jl(fixture("brk-mal-007", "Wrapped in an array",
                          "A JSONL line must hold one object, not an array of them.")) + ']',
         "bad", "brk-mal-007",
         "valid JSON but an array, not an object (`invalid_record`: not an object); the record "
         "inside is not imported"),
        (jl(fixture("brk-mal-008", "Good record after an array line",
                    "Still valid, still imported.")), "good", "brk-mal-008", "valid record"),
        ("{'id': 'brk-mal-009', 'title': 'Single-quoted keys', "
         "'body': 'Python dict syntax is not JSON.'}", "bad", "brk-mal-009",
         "malformed JSON: single-quoted strings"),
        (jl(fixture("brk-mal-010", "Last good record",
                    "The file ends with a newline after this line.")),
         "good", "brk-mal-010", "valid record"),
    ])
    sections.append(("malformed.jsonl", "JSON Lines with malformed lines mixed in. Empty lines "
                     "(and lines holding only white space) are skipped: they are neither records "
                     "nor errors, and do not count towards either total. Malformed JSON and "
                     "JSON that is not an object are errors reported with their line number; "
                     "the import continues with the next line.", facts))

    # bad-dates.jsonl
    def d(rid, date, title):
        return fixture(rid, title, f"A release dated {date!r} in the source.", date=date)
    nodate = fixture("brk-date-008", "A release without a date", "Dates are optional.")
    del nodate["date"]
    facts = write_lines(b / "bad-dates.jsonl", [
        (jl(d("brk-date-001", "2020-02-28", "ISO date")), "good", "brk-date-001",
         "valid: `2020-02-28`"),
        (jl(d("brk-date-002", "31/02/2020", "Impossible and ambiguous date")), "bad",
         "brk-date-002", "`31/02/2020`: day/month order ambiguous, and 31 February does not "
         "exist"),
        (jl(d("brk-date-003", "Fri, 13 Apr 2018 16:25:00 -0400", "RFC 2822 date")), "good",
         "brk-date-003", "valid: RFC 2822 `Fri, 13 Apr 2018 16:25:00 -0400` (13 April 2018 was "
         "a Friday)"),
        (jl(d("brk-date-004", "2019-13-01", "Month thirteen")), "bad", "brk-date-004",
         "`2019-13-01`: month 13"),
        (jl(d("brk-date-005", "yesterday", "Relative date")), "bad", "brk-date-005",
         "`yesterday`: not a date"),
        (jl(d("brk-date-006", "Monday, 7 June 2021, 4:25 pm", "Long form with weekday")), "good",
         "brk-date-006", "valid: `Monday, 7 June 2021, 4:25 pm` (7 June 2021 was a Monday)"),
        (jl(d("brk-date-007", "2021-02-29", "Not a leap year")), "bad", "brk-date-007",
         "`2021-02-29`: 2021 is not a leap year"),
        (jl(nodate), "good", "brk-date-008", "valid: no `date` field at all (dates are "
         "optional)"),
        (jl(d("brk-date-009", "Friday, 14 March 2019", "Wrong weekday")), "bad", "brk-date-009",
         "`Friday, 14 March 2019`: 14 March 2019 was a Thursday (weekday mismatch)"),
        (jl(d("brk-date-010", "2020-02-29", "Leap day")), "good", "brk-date-010",
         "valid: `2020-02-29` (2020 is a leap year)"),
    ])
    sections.append(("bad-dates.jsonl", "Valid records and records whose `date` cannot be "
                     "parsed. A bad date makes the whole record invalid (`invalid_record`, "
                     "field `date`).", facts))

    # missing-fields.jsonl
    noid = fixture("x", "A release without an id", "Neither an id nor a url to derive one from.")
    del noid["id"], noid["url"]
    notext = fixture("brk-miss-003", "", "")
    del notext["title"], notext["body"]
    noissuers = fixture("brk-miss-004", "A release with no issuers",
                        "An empty issuers list is allowed.", issuers=())
    numissuers = fixture("brk-miss-005", "Issuers given as a number", "The type is wrong.")
    numissuers["issuers"] = 42
    titleonly = fixture("brk-miss-006", "A title-only release", "")
    del titleonly["body"]
    numid = fixture("brk-miss-007", "Numeric id, topics as one string",
                    "The id is a JSON number and topics is a single string.")
    numid["id"] = 20190314
    numid["topics"] = "water"
    strissuer = fixture("brk-miss-008", "Issuers as a single string",
                        "One issuer given as a plain string.")
    strissuer["issuers"] = "Saltmere District Council"
    blank = fixture("brk-miss-009", "   ", "")
    facts = write_lines(b / "missing-fields.jsonl", [
        (jl(fixture("brk-miss-001", "A complete record", "Every canonical field is present.")),
         "good", "brk-miss-001", "valid: every field present"),
        (jl(noid), "bad", None, "no `id` and no `url`, so no id can be derived"),
        (jl(notext), "bad", "brk-miss-003", "neither `title` nor `body`"),
        (jl(noissuers), "good", "brk-miss-004", "valid: `issuers` is an empty list"),
        (jl(numissuers), "bad", "brk-miss-005", "`issuers` is the number 42 (wrong type)"),
        (jl(titleonly), "good", "brk-miss-006", "valid: title only, no `body` field"),
        (jl(numid), "good", "20190314", "valid: `id` is the JSON number 20190314 (becomes the "
         "id \"20190314\"); `topics` is one string"),
        (jl(strissuer), "good", "brk-miss-008", "valid: `issuers` is one string"),
        (jl(blank), "bad", "brk-miss-009", "title is only spaces and body is empty: after "
         "trimming, neither title nor body"),
    ])
    sections.append(("missing-fields.jsonl", "Records with missing, empty or mistyped fields. "
                     "Only the lines marked bad are rejected.", facts))

    # invalid-utf8.jsonl (bytes; these records are VALID and must be repaired)
    def raw(rid, title, body):
        obj = fixture(rid, "TITLE", "BODY")
        text = jl(obj).encode("utf-8")
        return text.replace(b'"TITLE"', b'"' + title + b'"').replace(b'"BODY"',
                                                                    b'"' + body + b'"')
    rows = [
        (raw("brk-utf8-001", b"Water notice \xff\xfe for Eastgate",
             b"The title holds the bytes FF FE, which never occur in UTF-8."),
         "good", "brk-utf8-001", "title: bytes `FF FE` (2 invalid bytes) -> 2 x U+FFFD"),
        (raw("brk-utf8-002", b"Overlong slash in the body",
             b"An overlong encoding of '/': \xc0\xaf and then the text goes on."),
         "good", "brk-utf8-002", "body: overlong sequence `C0 AF` (2 invalid bytes) -> "
         "2 x U+FFFD"),
        (raw("brk-utf8-003", b"Caf\xc3 opening on the quay",
             b"The euro sign is cut short here: \xe2\x82 before this text."),
         "good", "brk-utf8-003", "title: lead byte `C3` with no continuation (1 invalid byte) "
         "-> 1 x U+FFFD; body: truncated 3-byte sequence `E2 82` -> 2 x U+FFFD when each bad "
         "byte is replaced (record.h), 1 x U+FFFD under maximal-subpart replacement"),
        (jl(fixture("brk-utf8-004", "A plain ASCII record",
                    "Nothing to repair on this line.")).encode("utf-8"),
         "good", "brk-utf8-004", "valid UTF-8, nothing to repair"),
        (raw("brk-utf8-005", b"Latin-1 text in a UTF-8 file",
             b"Written in Latin-1: Kellbr\xfcck, and a stray continuation byte \x80 here."),
         "good", "brk-utf8-005", "body: Latin-1 `FC` (u-umlaut) and a lone continuation byte "
         "`80` (2 invalid bytes) -> 2 x U+FFFD"),
    ]
    for t, *_ in rows:
        if _[1] != "brk-utf8-004":
            try:
                t.decode("utf-8")
                raise AssertionError("fixture is valid UTF-8 by mistake")
            except UnicodeDecodeError:
                pass
    facts = write_lines(b / "invalid-utf8.jsonl", rows)
    sections.append(("invalid-utf8.jsonl", "Every line is a **valid record** whose title or "
                     "body contains bytes that are not valid UTF-8. They must be repaired "
                     "(each invalid byte becomes U+FFFD, see `repair_utf8` in record.h), not "
                     "rejected, so the file imports 5 records and 0 errors. The bytes must be "
                     "repaired before (or while) parsing JSON, since a strict JSON parser "
                     "rejects invalid UTF-8.", facts))

    # multiline.csv
    csv_rows = [
        ("brk-csv-001", "2019-03-14", "Northwater City Council;Northwater Regional Transit",
         "transport;budget", "Fares frozen, again",
         "Bus and tram fares will not rise this year.\n\nThe freeze, which costs ARV 3.1 "
         "million, was agreed by both bodies, the council said."),
        ("brk-csv-002", "14 March 2019", "Riverkeep Alliance", "water",
         'Survey finds "grey water" in the Norr',
         'Volunteers reported what they called "grey water" at three outfalls.\n'
         '"We have never seen it this bad," said one volunteer.\nThe survey continues.'),
        ("brk-csv-003", "2019/03/15", "Saltmere District Council", "public safety",
         "Harbour road closed", "A one-line body with no quotes and no commas"),
        ("brk-csv-004", "2020-02-30", "Tenants' Voice Arvenne", "housing",
         "A record with an impossible date",
         "This record is otherwise fine,\nbut 30 February does not exist."),
        ("brk-csv-005", "March 16, 2019", "Lanternwire Foundation;Quillfeather Systems",
         "digital rights;education", "Privacy principles, explained",
         "Three principles:\n\n1. Use data only to teach.\n2. Delete it when a pupil leaves.\n"
         "3. Let people see it, \"in full\"."),
        ("brk-csv-006", "2019-03-18T09:30:00+01:00", "Arvenne Ministry of Health", "health",
         "Clinic opens", "The last record ends with a newline, and so does the file."),
    ]
    sio = io.StringIO()
    w = csv.writer(sio, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["id", "date", "issuers", "topics", "title", "body"])
    spans = []
    line = 2
    for row in csv_rows:
        start = line
        before = sio.tell()
        w.writerow(row)
        chunk = sio.getvalue()[before:]
        line += chunk.count("\n")
        spans.append((start, line - 1, row[0]))
    (b / "multiline.csv").write_text(sio.getvalue(), encoding="utf-8")
    csv_facts = []
    for (start, end, rid), row in zip(spans, csv_rows):
        where = f"{start}" if start == end else f"{start}–{end}"
        bad = rid == "brk-csv-004"
        notes = {"brk-csv-001": "two issuers and two topics; quoted body with a blank line "
                                "and an embedded comma",
                 "brk-csv-002": "title and body with embedded doubled quotes `\"\"`; "
                                "multi-line body",
                 "brk-csv-003": "unquoted single-line cells",
                 "brk-csv-004": "`2020-02-30` is not a date (the cells are otherwise valid; "
                                "the body spans two lines)",
                 "brk-csv-005": "two issuers, two topics, a title with a comma; body with a "
                                "blank line and doubled quotes",
                 "brk-csv-006": "ISO date-time date"}
        csv_facts.append((where, "bad" if bad else "good", rid, notes[rid]))
    csv_facts.insert(0, ("1", "header", None, "`id,date,issuers,topics,title,body`"))

    # multiline.tsv
    tsv = ["id\tdate\tissuers\ttopics\ttitle\tbody",
           "brk-tsv-001\t2018-05-02\tBrackenford Borough Council\thousing\t"
           "Empty homes brought back into use\tForty-one homes, one tab-separated line.",
           "brk-tsv-002\t2 May 2018\tMeridale Water Services;Saltmere District Council\t"
           "water;public safety\tSupply restored in Dunmoor\tBoth issuers, two topics, "
           "\"quotes\" kept as typed.",
           "brk-tsv-003\tMay 3, 2018\tTeachers' Federation of Arvenne\teducation;labour\t"
           "Class sizes survey, part two\tCommas, apostrophes and \"quotes\" need no escaping "
           "in TSV."]
    (b / "multiline.tsv").write_text("\n".join(tsv) + "\n", encoding="utf-8")

    # array.json
    arr = [fixture("brk-arr-001", "First element", "A JSON array of records is accepted.",
                   date="2018-02-27"),
           fixture("brk-arr-002", "Second element has a bad date",
                   "30 February does not exist.", date="30 February 2018"),
           fixture("brk-arr-003", "Third element", "The other two elements are imported.",
                   date="March 1, 2018", issuers=("Saltmere District Council",),
                   topics=("water", "environment"))]
    text = json.dumps(arr, ensure_ascii=False, indent=2) + "\n"
    (b / "array.json").write_text(text, encoding="utf-8")
    lines = text.split("\n")
    arr_spans = []
    for i, ln in enumerate(lines, 1):
        if ln == "  {":
            start = i
        if ln in ("  }", "  },"):
            arr_spans.append((start, i))
    assert len(arr_spans) == 3
    return sections, csv_facts, arr_spans, len(lines) - 1


def broken_readme(sections, csv_facts, arr_spans, arr_lines):
    out = ["# corpus/broken — deliberately broken inputs",
           "",
           "Small files used by the importer tests. Every organisation and event named in them "
           "is fictional (see ../README.md). Generated by `scripts/make-sample-corpus.py`; do "
           "not edit by hand. Line numbers are 1-based physical lines of the file.",
           "",
           "Summary:",
           ""]
    summ = []
    for name, _, facts in sections:
        summ.append(f"- `{name}`: {summary(facts)}")
    good_csv = [f for f in csv_facts if f[1] == "good"]
    bad_csv = [f for f in csv_facts if f[1] == "bad"]
    summ.append(f"- `multiline.csv`: header on line 1 and {len(csv_facts) - 1} records; "
                f"**{len(good_csv)} good**, **{len(bad_csv)} bad** (record "
                f"`{bad_csv[0][2]}`, lines {bad_csv[0][0]}: bad date).")
    summ.append("- `multiline.tsv`: header on line 1 and 3 records on lines 2, 3 and 4; "
                "**3 good**, 0 bad.")
    summ.append(f"- `array.json`: a JSON array of 3 records over {arr_lines} lines; **2 good**, "
                f"**1 bad** (element 2, `brk-arr-002`, lines {arr_spans[1][0]}–{arr_spans[1][1]}:"
                " bad date).")
    out += summ + [""]
    for name, intro, facts in sections:
        out += [f"## {name}", "", intro, "", summary(facts), "", line_table(facts), ""]
    out += ["## multiline.csv", "",
            "Comma-separated, RFC 4180 quoting: cells holding commas, quotes or line breaks are "
            "wrapped in double quotes and embedded quotes are doubled (`\"\"`). `issuers` and "
            "`topics` are `;`-separated lists. Bodies span several physical lines, so a record "
            "is not a line: the table gives each record's first and last line.", "",
            "| lines | id | status | what |", "|---|---|---|---|"]
    for where, status, rid, note in csv_facts:
        out.append(f"| {where} | {rid or '—'} | {status} | {note} |")
    out += ["",
            "## multiline.tsv", "",
            "Tab-separated, same header, one record per line, no quoting (quote characters are "
            "ordinary text). 3 records on lines 2–4, all valid:", "",
            "| line | id | status | what |", "|---:|---|---|---|",
            "| 1 | — | header | `id<TAB>date<TAB>issuers<TAB>topics<TAB>title<TAB>body` |",
            "| 2 | brk-tsv-001 | good | ISO date |",
            "| 3 | brk-tsv-002 | good | `2 May 2018`; two issuers and two topics (`;`-separated)|",
            "| 4 | brk-tsv-003 | good | `May 3, 2018`; commas and quotes inside cells |",
            "",
            "## array.json", "",
            "One JSON array (pretty-printed) holding 3 record objects. The second has a date "
            "that does not exist; the other two import normally.", "",
            "| element | lines | id | status | what |", "|---:|---|---|---|---|",
            f"| 1 | {arr_spans[0][0]}–{arr_spans[0][1]} | brk-arr-001 | good | `2018-02-27` |",
            f"| 2 | {arr_spans[1][0]}–{arr_spans[1][1]} | brk-arr-002 | bad | "
            "`30 February 2018` is not a date |",
            f"| 3 | {arr_spans[2][0]}–{arr_spans[2][1]} | brk-arr-003 | good | "
            "`March 1, 2018`; two topics |",
            ""]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# corpus/README.md
# ---------------------------------------------------------------------------------------------

def corpus_readme(c):
    pl = c["planted"]
    org_rows = []
    for key in ORG_ORDER:
        o = ORGS[key]
        n = c["per_issuer"].get(o["name"], 0)
        org_rows.append(f"| {o['name']} | {o['group']} | `{key}-` | {o['domain']} | "
                        f"{o['language']} | {n} |")
    phrase_lines = [f"- \"{p}\": {len(ids)} releases ({', '.join(ids)})"
                    for p, ids in pl["phrases"].items()]
    rare_lines = [f"- `{w}`: only in {i}" for w, i in pl["rare_words"].items()]
    extra_lines = [f"- {i}: {', '.join(f'`{k}`' for k in ks)}"
                   for i, ks in pl["extra_fields"].items()]
    extra_kinds = Counter(k for ks in pl["extra_fields"].values() for k in ks)
    return "\n".join([
        "# corpus/ — Pressroom's sample archive",
        "",
        "**Everything in `releases/` is fictional and was written for Pressroom.** The Republic "
        "of Arvenne, its cities (Northwater, Brackenford, Saltmere, Lindmark, Ostervale), the "
        "twin cities Lorvanne, Kellbrück and Ribaclara, every ministry, council, agency, "
        "charity, union and company, every person quoted, every figure and every event are "
        "invented. Any resemblance to real organisations or people is accidental. Web "
        "addresses use the reserved `.example` domain and lead nowhere; the currency \"ARV\" "
        "does not exist.",
        "",
        "This is the archive `./pressroom up` indexes and serves by default, and the one the "
        "tests index. It is generated by `scripts/make-sample-corpus.py` (Python 3, standard "
        "library only, fixed seed: running it again writes identical bytes). Do not edit the "
        "files by hand; change the script and run it:",
        "",
        "    python3 scripts/make-sample-corpus.py",
        "",
        "## Layout",
        "",
        "- `releases/*.jsonl` — the archive: canonical records, one JSON object per line, "
        "UTF-8, split by year.",
        "- `expected-counts.json` — counts computed by the script from the records it wrote "
        "(total, per file, issuer, topic, year, language, source and date format) and the ids "
        "carrying each planted feature. Tests compare the index against these.",
        "- `broken/` — small deliberately broken inputs for the importer tests; "
        "`broken/README.md` lists every bad line.",
        "",
        "Record shape (fields after `source` are extra fields that must be kept untouched):",
        "",
        "    {\"id\": \"nwc-2019-014\", \"date\": \"2019-03-14\", \"issuers\": [...], "
        "\"topics\": [...], \"title\": \"...\", \"body\": \"...\",",
        "     \"url\": \"https://northwater-council.example/news/2019/014\", \"language\": "
        "\"en\", \"source\": \"council-newsrooms\"}",
        "",
        "Bodies have 3–8 paragraphs separated by a blank line (`\\n\\n`). Ids are "
        "`<issuer prefix>-<year>-<number>` with the first issuer's prefix.",
        "",
        "## Counts",
        "",
        f"- **{c['total']} releases** from **{c['issuers']} organisations**, "
        f"**{c['topics']} topics**, **{c['years']} years** "
        f"({min(c['per_year'])}–{max(c['per_year'])}), languages "
        + ", ".join(f"{k} {v}" for k, v in c["per_language"].items()) + ".",
        f"- {c['joint_statements']} joint statements (2–4 issuers), "
        f"{c['multi_topic_records']} releases with 2–3 topics, "
        f"{c['records_with_quotes']} releases quoting someone as "
        "`\"…,\" said Name, role.`",
        "",
        "| file | releases |", "|---|---:|",
        *[f"| releases/{k} | {v} |" for k, v in c["per_file"].items()],
        "",
        "| year | releases |", "|---|---:|",
        *[f"| {k} | {v} |" for k, v in c["per_year"].items()],
        "",
        "| topic | releases |", "|---|---:|",
        *[f"| {k} | {v} |" for k, v in c["per_topic"].items()],
        "",
        "Organisations (count = releases listing it among the issuers, joint statements "
        "included):",
        "",
        "| organisation | type | id prefix | domain | language | releases |",
        "|---|---|---|---|---|---:|",
        *org_rows,
        "",
        "Sources (`source` field): "
        + ", ".join(f"`{k}` {v}" for k, v in c["per_source"].items()) + ".",
        "",
        "## Dates",
        "",
        "Each newsroom has a house date format, and about one release in five uses a plain "
        "ISO date instead. Every date is a real calendar date and every weekday name is "
        "correct. Formats used:",
        "",
        *[f"- {STYLE_NAMES[k]}: {v}" for k, v in c["per_date_format"].items()],
        "",
        "Offsets are always +01:00 (Arvenne keeps UTC+1 all year). The year-month-only "
        f"releases are {', '.join(pl['year_month_dates'])}.",
        "",
        "## Planted features for tests",
        "",
        "Rare words (each in exactly one release, no other form of the word anywhere):",
        "",
        *rare_lines,
        "",
        "Recurring phrases (exact phrase in the title or body):",
        "",
        *phrase_lines,
        "",
        f"- HTML-like text in a body (snippet escaping): {', '.join(pl['script_in_body'])} "
        "contains the literal text `<script>alert(1)</script>`.",
        f"- Non-ASCII title: {', '.join(pl['non_ascii_title'])} (\"Harbour Café …\"); the "
        "French, German and Spanish releases have accented titles too (e.g. \"Kellbrück\", "
        "\"año\").",
        f"- Near-duplicates: one statement re-issued with small edits by five organisations "
        f"on different days: {', '.join(pl['near_duplicates'])}.",
        f"- Identical bodies under different ids (same title and date, different issuer): "
        f"{' and '.join(pl['identical_bodies'])}.",
        "- Releases in other languages: "
        + ", ".join(f"{k} {v}" for k, v in c["per_language"].items() if k != "en")
        + " (issued by the twin cities, in their own languages).",
        "",
        "Extra fields ("
        + ", ".join(f"`{k}` {v}" for k, v in sorted(extra_kinds.items()))
        + "; `media_contact` is a nested object, `attachments` a list):",
        "",
        *extra_lines,
        "",
        "## broken/",
        "",
        "Deliberately broken inputs for the importer: malformed JSON lines (`malformed.jsonl`), "
        "unparseable dates (`bad-dates.jsonl`), missing or mistyped fields "
        "(`missing-fields.jsonl`), invalid UTF-8 bytes that must be repaired, not rejected "
        "(`invalid-utf8.jsonl`), CSV with quoted multi-line cells (`multiline.csv`), TSV "
        "(`multiline.tsv`) and a JSON array (`array.json`). See `broken/README.md` for the "
        "exact bad line numbers and good-record counts.",
        "",
    ])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parent.parent / "corpus")
    args = ap.parse_args()
    out = args.out
    records = build_records()
    check(records)
    files = write_releases(records, out)
    c = counts(records, files)
    (out / "expected-counts.json").write_text(
        json.dumps(c, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    sections, csv_facts, arr_spans, arr_lines = write_broken(out)
    (out / "broken" / "README.md").write_text(
        broken_readme(sections, csv_facts, arr_spans, arr_lines), encoding="utf-8")
    (out / "README.md").write_text(corpus_readme(c), encoding="utf-8")
    print(f"wrote {c['total']} releases in {len(files)} files, {c['issuers']} issuers, "
          f"{c['topics']} topics, {c['years']} years, "
          f"{c['joint_statements']} joint statements -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
