#!/usr/bin/env python3
"""Generates the entity catalog shipped in data/catalog/ (NDJSON of CatalogEntity).

Sources:
  * Debian iso-codes (/usr/share/iso-codes/json): countries and territories
    (ISO 3166-1), historic countries the 1987 Reuters articles need (ISO 3166-3),
    and US states / Canadian provinces / Australian states (ISO 3166-2);
  * the S&P 500 constituents CSV (../shared/data/companies/sp500-constituents.csv);
  * the curated tables below: the aliases and demonyms news uses, the
    Reuters-21578 annotation codes, cities seen in datelines, organisations,
    exchanges, people and the companies of the Alibaba article.

The output files are committed, so the build never depends on ../shared or on
iso-codes being installed. Re-run after editing a table:

    python3 scripts/build-catalog.py            # writes data/catalog/*.ndjson

The format is documented in data/catalog/README.md.
"""
import csv
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ISO = "/usr/share/iso-codes/json"
SP500 = os.path.join(ROOT, "..", "shared", "data", "companies", "sp500-constituents.csv")
OUT = os.path.join(ROOT, "data", "catalog")


def slug(text):
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[’'.]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def entity(id_, type_, name, aliases=(), codes=(), parent="", attrs=None, case_sensitive=()):
    e = {"id": id_, "type": "ENTITY_TYPE_" + type_, "name": name}
    seen = {name}
    al = []
    for a in aliases:
        if a and a not in seen:
            seen.add(a)
            al.append(a)
    if al:
        e["aliases"] = al
    if codes:
        e["codes"] = [dict(c) for c in codes]
    if parent:
        e["parentId"] = parent
    if attrs:
        e["attributes"] = {k: v for k, v in attrs.items() if v}
    cs = [c for c in case_sensitive if c]
    if cs:
        e["caseSensitiveAliases"] = cs
    return e


def code(scheme, value, exchange=""):
    c = {"scheme": scheme, "value": value}
    if exchange:
        c["exchangeId"] = exchange
    return c


# ---------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------

# ISO alpha-2 -> (display name, Reuters-21578 code, aliases, demonyms,
#                 case-sensitive aliases). The id is place:<reuters code> when
# there is one, else place:<slug of the display name>.
COUNTRY = {
    "US": ("United States", "usa", ["United States of America", "U.S.", "U.S.A.", "America"],
           ["American", "Americans"], ["US", "USA"]),
    "GB": ("United Kingdom", "uk", ["Britain", "Great Britain", "U.K.", "England", "Scotland", "Wales",
                                    "Northern Ireland"],
           ["British", "Briton", "Britons", "English", "Scottish"], ["UK"]),
    "JP": ("Japan", "japan", [], ["Japanese"], []),
    "CA": ("Canada", "canada", [], ["Canadian", "Canadians"], []),
    "DE": ("Germany", "west-germany", ["West Germany", "Federal Republic of Germany", "Federal Republic"],
           ["German", "Germans", "West German", "West Germans"], []),
    "FR": ("France", "france", [], ["French"], []),
    "BR": ("Brazil", "brazil", [], ["Brazilian", "Brazilians"], []),
    "AU": ("Australia", "australia", [], ["Australian", "Australians"], []),
    "CN": ("China", "china", ["People's Republic of China", "PRC", "mainland China"], ["Chinese"], []),
    "CH": ("Switzerland", "switzerland", [], ["Swiss"], []),
    "BE": ("Belgium", "belgium", [], ["Belgian", "Belgians"], []),
    "NL": ("Netherlands", "netherlands", ["Holland", "The Netherlands"], ["Dutch"], []),
    "IT": ("Italy", "italy", [], ["Italian", "Italians"], []),
    "HK": ("Hong Kong", "hong-kong", [], [], []),
    "PH": ("Philippines", "philippines", ["The Philippines"], ["Philippine", "Filipino", "Filipinos"], []),
    "IR": ("Iran", "iran", ["Islamic Republic of Iran"], ["Iranian", "Iranians"], []),
    "TW": ("Taiwan", "taiwan", ["Republic of China"], ["Taiwanese"], []),
    "ZA": ("South Africa", "south-africa", [], ["South African", "South Africans"], []),
    "SE": ("Sweden", "sweden", [], ["Swedish", "Swede", "Swedes"], []),
    "KR": ("South Korea", "south-korea", ["Republic of Korea", "Korea"], ["South Korean", "South Koreans", "Korean"], []),
    "ES": ("Spain", "spain", [], ["Spanish", "Spaniards"], []),
    "NZ": ("New Zealand", "new-zealand", ["N.Z."], ["New Zealander", "New Zealanders"], []),
    "AR": ("Argentina", "argentina", [], ["Argentine", "Argentinian", "Argentines"], []),
    "ID": ("Indonesia", "indonesia", [], ["Indonesian", "Indonesians"], []),
    "IQ": ("Iraq", "iraq", [], ["Iraqi", "Iraqis"], []),
    "SA": ("Saudi Arabia", "saudi-arabia", ["Saudi"], ["Saudi Arabian", "Saudis"], []),
    "IN": ("India", "india", [], ["Indian"], []),
    "TH": ("Thailand", "thailand", [], ["Thai"], []),
    "MY": ("Malaysia", "malaysia", [], ["Malaysian", "Malaysians"], []),
    "MX": ("Mexico", "mexico", [], ["Mexican", "Mexicans"], []),
    "EC": ("Ecuador", "ecuador", [], ["Ecuadorean", "Ecuadorian", "Ecuadoreans"], []),
    "VE": ("Venezuela", "venezuela", [], ["Venezuelan", "Venezuelans"], []),
    "SG": ("Singapore", "singapore", [], ["Singaporean"], []),
    "TR": ("Turkey", "turkey", ["Türkiye"], ["Turkish", "Turks"], []),
    "DK": ("Denmark", "denmark", [], ["Danish", "Danes"], []),
    "CO": ("Colombia", "colombia", [], ["Colombian", "Colombians"], []),
    "PE": ("Peru", "peru", [], ["Peruvian", "Peruvians"], []),
    "EG": ("Egypt", "egypt", [], ["Egyptian", "Egyptians"], []),
    "KW": ("Kuwait", "kuwait", [], ["Kuwaiti", "Kuwaitis"], []),
    "FI": ("Finland", "finland", [], ["Finnish", "Finns"], []),
    "GR": ("Greece", "greece", [], ["Greek", "Greeks"], []),
    "BH": ("Bahrain", "bahrain", [], ["Bahraini"], []),
    "AE": ("United Arab Emirates", "uae", ["U.A.E.", "Emirates"], ["Emirati"], ["UAE"]),
    "PK": ("Pakistan", "pakistan", [], ["Pakistani", "Pakistanis"], []),
    "PT": ("Portugal", "portugal", [], ["Portuguese"], []),
    "DZ": ("Algeria", "algeria", [], ["Algerian"], []),
    "NG": ("Nigeria", "nigeria", [], ["Nigerian", "Nigerians"], []),
    "BD": ("Bangladesh", "bangladesh", [], ["Bangladeshi"], []),
    "LU": ("Luxembourg", "luxembourg", [], [], []),
    "LK": ("Sri Lanka", "sri-lanka", [], ["Sri Lankan"], []),
    "NO": ("Norway", "norway", [], ["Norwegian", "Norwegians"], []),
    "NI": ("Nicaragua", "nicaragua", [], ["Nicaraguan"], []),
    "IL": ("Israel", "israel", [], ["Israeli", "Israelis"], []),
    "BO": ("Bolivia", "bolivia", [], ["Bolivian"], []),
    "AT": ("Austria", "austria", [], ["Austrian"], []),
    "ZM": ("Zambia", "zambia", [], ["Zambian"], []),
    "HU": ("Hungary", "hungary", [], ["Hungarian"], []),
    "IE": ("Ireland", "ireland", ["Irish Republic", "Republic of Ireland"], ["Irish"], []),
    "CR": ("Costa Rica", "costa-rica", [], ["Costa Rican"], []),
    "LB": ("Lebanon", "lebanon", [], ["Lebanese"], []),
    "MA": ("Morocco", "morocco", [], ["Moroccan"], []),
    "JO": ("Jordan", "jordan", [], ["Jordanian"], []),
    "KE": ("Kenya", "kenya", [], ["Kenyan"], []),
    "CL": ("Chile", "chile", [], ["Chilean"], []),
    "CU": ("Cuba", "cuba", [], ["Cuban"], []),
    "LY": ("Libya", "libya", [], ["Libyan"], []),
    "ZW": ("Zimbabwe", "zimbabwe", [], ["Zimbabwean"], []),
    "CI": ("Ivory Coast", "ivory-coast", ["Côte d'Ivoire", "Cote d'Ivoire"], ["Ivorian"], []),
    "PL": ("Poland", "poland", [], ["Polish", "Poles"], []),
    "HN": ("Honduras", "honduras", [], ["Honduran"], []),
    "QA": ("Qatar", "qatar", [], ["Qatari"], []),
    "GH": ("Ghana", "ghana", [], ["Ghanaian"], []),
    "PA": ("Panama", "panama", [], ["Panamanian"], []),
    "JM": ("Jamaica", "jamaica", [], ["Jamaican"], []),
    "TZ": ("Tanzania", "tanzania", [], ["Tanzanian"], []),
    "CY": ("Cyprus", "cyprus", [], ["Cypriot"], []),
    "SY": ("Syria", "syria", [], ["Syrian"], []),
    "GT": ("Guatemala", "guatemala", [], ["Guatemalan"], []),
    "TN": ("Tunisia", "tunisia", [], ["Tunisian"], []),
    "SV": ("El Salvador", "el-salvador", [], ["Salvadorean", "Salvadoran"], []),
    "YE": ("Yemen", "yemen-arab-republic", ["North Yemen", "Yemen Arab Republic"], ["Yemeni"], []),
    "UG": ("Uganda", "uganda", [], ["Ugandan"], []),
    "TD": ("Chad", "chad", [], ["Chadian"], []),
    "CD": ("Democratic Republic of the Congo", "zaire", ["Zaire", "DR Congo"], ["Zairean", "Zairian"], []),
    "DO": ("Dominican Republic", "dominican-republic", [], ["Dominican"], []),
    "SD": ("Sudan", "sudan", [], ["Sudanese"], []),
    "HT": ("Haiti", "haiti", [], ["Haitian"], []),
    "VN": ("Vietnam", "vietnam", ["Viet Nam"], ["Vietnamese"], []),
    "KP": ("North Korea", "north-korea", [], ["North Korean"], []),
    "OM": ("Oman", "oman", [], ["Omani"], []),
    "PG": ("Papua New Guinea", "papua-new-guinea", [], [], []),
    "MG": ("Madagascar", "madagascar", [], ["Malagasy"], []),
    "BN": ("Brunei", "brunei", ["Brunei Darussalam"], [], []),
    "RO": ("Romania", "romania", [], ["Romanian"], []),
    "SR": ("Suriname", "suriname", ["Surinam"], [], []),
    "GA": ("Gabon", "gabon", [], ["Gabonese"], []),
    "ET": ("Ethiopia", "ethiopia", [], ["Ethiopian"], []),
    "TT": ("Trinidad and Tobago", "trinidad-tobago", ["Trinidad"], [], []),
    "BM": ("Bermuda", "bermuda", [], [], []),
    "SN": ("Senegal", "senegal", [], ["Senegalese"], []),
    "MU": ("Mauritius", "mauritius", [], [], []),
    "UY": ("Uruguay", "uruguay", [], ["Uruguayan"], []),
    "NP": ("Nepal", "nepal", [], ["Nepalese"], []),
    "AF": ("Afghanistan", "afghanistan", [], ["Afghan"], []),
    "BG": ("Bulgaria", "bulgaria", [], ["Bulgarian"], []),
    "SL": ("Sierra Leone", "sierra-leone", [], [], []),
    "BB": ("Barbados", "barbados", [], [], []),
    "BW": ("Botswana", "botswana", [], [], []),
    "CM": ("Cameroon", "cameroon", [], ["Cameroonian"], []),
    "MZ": ("Mozambique", "mozambique", [], [], []),
    "CG": ("Congo", "congo", ["Republic of the Congo"], [], []),
    "VI": ("U.S. Virgin Islands", "us-virgin-islands", ["Virgin Islands"], [], []),
    "GU": ("Guam", "guam", [], [], []),
    "LR": ("Liberia", "liberia", [], ["Liberian"], []),
    "KY": ("Cayman Islands", "cayman-islands", ["Caymans"], [], []),
    "SO": ("Somalia", "somalia", [], ["Somali"], []),
    "PY": ("Paraguay", "paraguay", [], ["Paraguayan"], []),
    "AO": ("Angola", "angola", [], ["Angolan"], []),
    "KH": ("Cambodia", "kampuchea", ["Kampuchea"], ["Cambodian"], []),
    "MM": ("Myanmar", "burma", ["Burma"], ["Burmese"], []),
    "IS": ("Iceland", "iceland", [], ["Icelandic"], []),
    "GY": ("Guyana", "guyana", [], [], []),
    "MW": ("Malawi", "malawi", [], [], []),
    "TG": ("Togo", "togo", [], [], []),
    "NA": ("Namibia", "namibia", [], [], []),
    "BT": ("Bhutan", "bhutan", [], [], []),
    "LI": ("Liechtenstein", "liechtenstein", [], [], []),
    "AW": ("Aruba", "aruba", [], [], []),
    "DJ": ("Djibouti", "djibouti", [], [], []),
    "GN": ("Guinea", "guinea", [], [], []),
    "MR": ("Mauritania", "mauritania", [], [], []),
    "VU": ("Vanuatu", "vanuatu", [], [], []),
    "MT": ("Malta", "malta", [], ["Maltese"], []),
    "AG": ("Antigua and Barbuda", "antigua", ["Antigua"], [], []),
    "RW": ("Rwanda", "rwanda", [], [], []),
    "FJ": ("Fiji", "fiji", [], ["Fijian"], []),
    "RU": ("Russia", "", ["Russian Federation"], [], []),
    "CZ": ("Czech Republic", "", ["Czechia"], [], []),
    "LA": ("Laos", "", [], [], []),
    "BS": ("Bahamas", "", ["The Bahamas"], [], []),
    "NE": ("Niger", "", [], [], []),
    "ML": ("Mali", "", [], [], []),
    "BF": ("Burkina Faso", "", ["Upper Volta"], [], []),
    "BJ": ("Benin", "", ["Dahomey"], [], []),
}

# Historic countries (ISO 3166-3 alpha-4 -> table as above, plus the id slug).
HISTORIC = {
    "SUHH": ("ussr", "Soviet Union", "ussr", ["USSR", "U.S.S.R.", "Soviet Union", "Union of Soviet Socialist Republics"],
             ["Soviet", "Soviets"], ["USSR"]),
    "DDDE": ("east-germany", "East Germany", "east-germany", ["German Democratic Republic", "GDR"],
             ["East German", "East Germans"], ["GDR"]),
    "YUCS": ("yugoslavia", "Yugoslavia", "yugoslavia", [], ["Yugoslav", "Yugoslavian"], []),
    "CSHH": ("czechoslovakia", "Czechoslovakia", "czechoslovakia", [], ["Czechoslovak", "Czech"], []),
    "YDYE": ("south-yemen", "South Yemen", "yemen-demo-republic",
             ["People's Democratic Republic of Yemen", "Democratic Yemen"], [], []),
}
# Names to keep out of generated aliases: they collide with common words or
# with more specific entities and the prior / context cannot save them.
PLACE_PRIORS = {"place:georgia": "0.2", "place:jordan": "0.8", "place:turkey": "0.8", "place:chad": "0.6",
                "place:guinea": "0.6", "place:niger": "0.6", "place:india": "0.9"}

# Cities seen in datelines and news text: name -> (country id, aliases).
CITIES = {
    "usa": ["New York|New York City|N.Y.C.", "Washington|Washington, D.C.", "Chicago", "Los Angeles", "Houston",
            "Dallas", "Detroit", "Boston", "Minneapolis", "Miami", "Denver", "Atlanta", "San Francisco",
            "Pittsburgh", "Cleveland", "Philadelphia", "St. Louis|St Louis|Saint Louis", "Oklahoma City",
            "Cincinnati", "Seattle", "Kansas City", "Indianapolis", "Salt Lake City", "San Diego", "New Orleans",
            "Baltimore", "Milwaukee", "St. Paul|St Paul", "Las Vegas", "Honolulu", "Omaha", "Tulsa", "Phoenix",
            "San Jose", "San Antonio", "Memphis", "Boise", "Des Moines", "Providence", "Annapolis", "Sioux City",
            "Sioux Falls", "Stamford", "Greenwich", "Fort Worth", "Irvine", "San Mateo", "Rochester",
            "Palo Alto", "Boca Raton", "Charlotte", "Nashville", "Hartford", "Akron", "Dayton",
            "Beverly Hills", "Wall Street", "Silicon Valley", "Capitol Hill", "White House", "Brooklyn",
            "Manhattan", "New England", "Tampa", "Orlando", "Jacksonville", "Louisville", "Anchorage", "Sacramento",
            "Columbus", "Buffalo", "Richmond", "Wilmington", "Newark", "Princeton", "Albany", "Austin",
            "Fort Lauderdale", "Secaucus", "White Plains", "Santa Clara", "Cupertino", "Mountain View",
            "Pasadena", "Little Rock", "Raleigh", "Winston-Salem", "Oak Brook", "Southfield", "Tucson",
            "Lake Success", "Great Neck", "Hauppauge", "Englewood Cliffs", "Sunnyvale",
            "Armonk", "Cambridge, Mass.", "Toledo", "Norfolk", "Hialeah", "Scottsdale", "Tempe",
            "Colorado Springs", "Grand Rapids", "Ann Arbor", "Dearborn", "Peoria", "Bethlehem",
            "Harrisburg", "Topeka", "Wichita", "Spokane", "Tacoma", "Bellevue",
            "Portland, Ore.", "Portland, Maine", "El Paso", "Albuquerque", "Fargo", "Montgomery", "Birmingham, Ala.",
            "Mobile, Ala.", "Jackson, Miss.", "Lexington, Ky.", "Charleston"],
    "canada": ["Toronto", "Montreal", "Ottawa", "Calgary", "Vancouver", "Winnipeg", "Edmonton", "Halifax",
               "Regina", "Saskatoon", "Hamilton, Ontario", "London, Ontario", "Oakville", "Mississauga",
               "Windsor, Ontario", "Oshawa", "Brantford", "Kanata", "Murdochville", "Quebec City", "Victoria, B.C."],
    "uk": ["London", "City of London", "Edinburgh", "Glasgow", "Manchester", "Liverpool", "Leeds", "Cardiff",
           "Belfast", "Aberdeen", "Birmingham|Birmingham, England", "Bristol", "Sheffield", "Whitehall", "Downing Street"],
    "japan": ["Tokyo", "Osaka", "Kobe", "Yokohama", "Nagoya", "Kyoto"],
    "west-germany": ["Bonn", "Frankfurt", "Hamburg", "Munich", "Duesseldorf|Dusseldorf|Düsseldorf",
                     "Stuttgart", "Cologne", "Wiesbaden", "West Berlin", "Hanover", "Oberhausen",
                     "Brunswick, West Germany", "Essen", "Wolfsburg", "Ludwigshafen", "Leverkusen"],
    "east-germany": ["East Berlin", "Leipzig"],
    "france": ["Paris", "Lyon|Lyons", "Marseille|Marseilles", "Strasbourg", "Bordeaux", "Toulouse"],
    "belgium": ["Brussels", "Antwerp", "Zeebrugge", "Ghent", "Knokke"],
    "netherlands": ["Amsterdam", "Rotterdam", "The Hague", "Eindhoven", "Utrecht"],
    "switzerland": ["Zurich", "Geneva", "Berne|Bern", "Basle|Basel", "Lausanne", "Lugano"],
    "italy": ["Rome", "Milan", "Turin", "Naples", "Treviso", "Venice", "Florence"],
    "china": ["Peking|Beijing", "Shanghai", "Canton|Guangzhou", "Shenzhen", "Tianjin|Tientsin", "Hangzhou"],
    "australia": ["Sydney", "Melbourne", "Canberra", "Brisbane", "Adelaide", "Perth", "Surfers Paradise"],
    "new-zealand": ["Wellington", "Auckland", "Christchurch", "Taupo"],
    "ussr": ["Moscow", "Leningrad", "Kiev"],
    "brazil": ["Rio de Janeiro", "Sao Paulo", "Brasilia", "Santos"],
    "argentina": ["Buenos Aires"],
    "mexico": ["Mexico City"],
    "philippines": ["Manila"],
    "taiwan": ["Taipei"],
    "indonesia": ["Jakarta"],
    "malaysia": ["Kuala Lumpur"],
    "south-africa": ["Johannesburg", "Pretoria", "Cape Town", "Durban"],
    "thailand": ["Bangkok"],
    "south-korea": ["Seoul"],
    "sweden": ["Stockholm", "Gothenburg"],
    "finland": ["Helsinki"],
    "yugoslavia": ["Belgrade", "Zagreb"],
    "india": ["New Delhi", "Bombay|Mumbai", "Calcutta", "Madras"],
    "venezuela": ["Caracas"],
    "ecuador": ["Quito", "Guayaquil"],
    "iraq": ["Baghdad", "Basra"],
    "iran": ["Tehran", "Teheran", "Kharg Island"],
    "denmark": ["Copenhagen"],
    "uae": ["Abu Dhabi", "Dubai", "Sharjah"],
    "turkey": ["Ankara", "Istanbul"],
    "colombia": ["Bogota"],
    "austria": ["Vienna"],
    "peru": ["Lima"],
    "bolivia": ["La Paz"],
    "zambia": ["Lusaka"],
    "sri-lanka": ["Colombo"],
    "greece": ["Athens", "Piraeus"],
    "hungary": ["Budapest"],
    "zimbabwe": ["Harare"],
    "egypt": ["Cairo", "Alexandria, Egypt"],
    "kenya": ["Nairobi"],
    "nigeria": ["Lagos"],
    "portugal": ["Lisbon"],
    "norway": ["Oslo"],
    "saudi-arabia": ["Riyadh", "Jeddah", "Dhahran"],
    "poland": ["Warsaw"],
    "tanzania": ["Dar es Salaam"],
    "ivory-coast": ["Abidjan"],
    "pakistan": ["Karachi", "Islamabad"],
    "ireland": ["Dublin"],
    "chile": ["Santiago"],
    "jordan": ["Amman"],
    "madagascar": ["Antananarivo"],
    "nicaragua": ["Managua"],
    "lebanon": ["Beirut"],
    "uganda": ["Kampala"],
    "algeria": ["Algiers"],
    "cuba": ["Havana"],
    "israel": ["Tel Aviv", "Jerusalem"],
    "cyprus": ["Nicosia"],
    "suriname": ["Paramaribo"],
    "jamaica": ["Kingston, Jamaica"],
    "bangladesh": ["Dhaka|Dacca"],
    "spain": ["Madrid", "Barcelona"],
    "czechoslovakia": ["Prague"],
    "romania": ["Bucharest"],
    "bulgaria": ["Sofia"],
    "vietnam": ["Hanoi", "Ho Chi Minh City"],
    "syria": ["Damascus"],
    "libya": ["Tripoli"],
    "morocco": ["Rabat", "Casablanca"],
    "tunisia": ["Tunis"],
    "ghana": ["Accra"],
    "senegal": ["Dakar"],
    "ethiopia": ["Addis Ababa"],
    "zaire": ["Kinshasa"],
    "cameroon": ["Yaounde"],
    "gabon": ["Libreville"],
    "guatemala": ["Guatemala City"],
    "honduras": ["Tegucigalpa"],
    "costa-rica": ["San Jose, Costa Rica"],
    "el-salvador": ["San Salvador"],
    "panama": ["Panama City"],
    "uruguay": ["Montevideo"],
    "paraguay": ["Asuncion"],
    "qatar": ["Doha"],
    "oman": ["Muscat"],
    "nepal": ["Kathmandu"],
    "burma": ["Rangoon|Yangon"],
    "mozambique": ["Maputo"],
    "angola": ["Luanda"],
    "botswana": ["Gaborone"],
    "namibia": ["Windhoek"],
    "sudan": ["Khartoum"],
    "papua-new-guinea": ["Port Moresby"],
    "fiji": ["Suva"],
    "haiti": ["Port-au-Prince"],
    "dominican-republic": ["Santo Domingo"],
    "trinidad-tobago": ["Port of Spain"],
    "barbados": ["Bridgetown"],
    "liberia": ["Monrovia"],
    "sierra-leone": ["Freetown"],
    "iceland": ["Reykjavik"],
}

# US state abbreviations as datelines write them ("ROCHESTER, N.Y.").
US_STATE_ABBREVIATIONS = {
    "AL": "Ala.", "AK": "Alaska", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.|Cal.", "CO": "Colo.",
    "CT": "Conn.", "DE": "Del.", "DC": "D.C.", "FL": "Fla.", "GA": "Ga.", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Ill.", "IN": "Ind.", "IA": "Iowa", "KS": "Kan.|Kans.", "KY": "Ky.", "LA": "La.", "ME": "Maine|Me.",
    "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.",
    "NE": "Neb.|Nebr.", "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.",
    "ND": "N.D.", "OH": "Ohio", "OK": "Okla.", "OR": "Ore.|Oreg.", "PA": "Pa.|Penn.", "RI": "R.I.",
    "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.", "TX": "Texas|Tex.", "UT": "Utah", "VT": "Vt.",
    "VA": "Va.", "WA": "Wash.", "WV": "W.Va.|W. Va.", "WI": "Wis.|Wisc.", "WY": "Wyo.",
}
CA_PROVINCE_ABBREVIATIONS = {"AB": "Alta.", "BC": "B.C.", "MB": "Man.", "NB": "N.B.", "NL": "Nfld.",
                             "NS": "N.S.", "ON": "Ont.", "PE": "P.E.I.", "QC": "Que.", "SK": "Sask."}
# Region names that are ordinary words or other entities when alone.
REGION_SKIP = {"AU-VIC", "US-UM", "US-AS", "US-GU", "US-MP", "US-PR", "US-VI"}
REGION_PRIOR = {"US-GA": "0.6", "US-WA": "0.3", "US-NY": "0.3"}


def places():
    iso1 = json.load(open(os.path.join(ISO, "iso_3166-1.json")))["3166-1"]
    iso2 = json.load(open(os.path.join(ISO, "iso_3166-2.json")))["3166-2"]
    out = []
    by_reuters = {}
    for c in iso1:
        a2, a3 = c["alpha_2"], c["alpha_3"]
        row = COUNTRY.get(a2)
        if row is None:
            name = c.get("common_name") or c["name"].split(",")[0]
            row = (name, "", [], [], [])
        display, reuters, aliases, demonyms, cs = row
        id_ = "place:" + (reuters if reuters and reuters != "west-germany" else slug(display))
        extra = [c["name"], c.get("common_name", ""), c.get("official_name", "")]
        extra = [x for x in extra if x and "," not in x]
        codes = [code("iso3166-alpha2", a2), code("iso3166-alpha3", a3)]
        if reuters:
            codes.append(code("reuters21578", reuters))
            by_reuters[reuters] = id_
        attrs = {"kind": "country", "demonyms": "|".join(demonyms)}
        if id_ in PLACE_PRIORS:
            attrs["prior"] = PLACE_PRIORS[id_]
        out.append(entity(id_, "PLACE", display, aliases + extra, codes, attrs=attrs, case_sensitive=cs))
    iso3 = {c["alpha_4"]: c for c in json.load(open(os.path.join(ISO, "iso_3166-3.json")))["3166-3"]}
    for a4, (sl, display, reuters, aliases, demonyms, cs) in HISTORIC.items():
        c = iso3[a4]
        codes = [code("iso3166-3", a4), code("reuters21578", reuters)]
        by_reuters[reuters] = "place:" + sl
        out.append(entity("place:" + sl, "PLACE", display, aliases, codes,
                          attrs={"kind": "historic-country", "demonyms": "|".join(demonyms),
                                 "iso_name": c["name"]}, case_sensitive=cs))
    # States and provinces: parent is the country.
    for r in iso2:
        cc, sub = r["code"].split("-", 1)
        if r["code"] in REGION_SKIP:
            continue
        if cc == "US" and r["type"] in ("State", "District"):
            parent = "place:usa"
            abbrev = US_STATE_ABBREVIATIONS.get(sub, "")
        elif cc == "CA":
            parent = "place:canada"
            abbrev = CA_PROVINCE_ABBREVIATIONS.get(sub, "")
        elif cc == "AU" and r["type"] == "State":
            parent = "place:australia"
            abbrev = ""
        else:
            continue
        name = r["name"]
        aliases = []
        if r["code"] == "US-DC":
            name, aliases = "District of Columbia", []
        if r["code"] == "CA-QC":
            aliases = ["Quebec Province"]
        # Abbreviations that are also whole words ("Ohio", "Texas") are names;
        # the dotted forms only count in datelines and after "City, ".
        dotted = [a for a in abbrev.split("|") if a and "." in a]
        plain = [a for a in abbrev.split("|") if a and "." not in a]
        attrs = {"kind": "region", "dateline_aliases": "|".join(dotted), "iso3166-2": r["code"]}
        if r["code"] in REGION_PRIOR:
            attrs["prior"] = REGION_PRIOR[r["code"]]
        out.append(entity("place:" + slug(r["code"]), "PLACE", name, aliases + plain,
                          [code("iso3166-2", r["code"])], parent=parent, attrs=attrs))
    # Cities.
    seen = set()
    for country, names in CITIES.items():
        parent = by_reuters.get(country, "place:" + country)
        for entry in names:
            forms = entry.split("|")
            name = forms[0]
            qualified = "," in name
            base = name.split(",")[0]
            id_ = "place:" + slug(name if qualified else base)
            if id_ in seen:
                raise SystemExit("duplicate city id " + id_)
            seen.add(id_)
            aliases = forms[1:]
            attrs = {"kind": "city"}
            if qualified:
                # "Portland, Ore.": the bare name is shared; it resolves here
                # only when the qualifier follows or the context says so.
                aliases = [name] + aliases
                name = base
                attrs["prior"] = "0.1"
            out.append(entity(id_, "PLACE", name, aliases, [], parent=parent, attrs=attrs))
    return out


# ---------------------------------------------------------------------------
# Organisations, exchanges, people
# ---------------------------------------------------------------------------

# (id slug, name, reuters code, aliases, case-sensitive aliases, parent, attributes)
# The countries whose presence says which "ADB" an article means.
ASIA_CONTEXT = "|".join("place:" + c for c in [
    "philippines", "japan", "china", "india", "indonesia", "south-korea", "taiwan", "pakistan", "bangladesh",
    "thailand", "malaysia", "sri-lanka", "nepal", "burma", "hong-kong", "singapore"])
AFRICA_CONTEXT = "|".join("place:" + c for c in [
    "ivory-coast", "nigeria", "kenya", "zaire", "ghana", "morocco", "egypt", "senegal", "ethiopia", "zambia",
    "tanzania", "zimbabwe", "algeria", "cameroon", "sudan", "uganda"])

ORGS = [
    ("ec", "European Community", "ec",
     ["European Communities", "European Economic Community", "Common Market", "European Commission",
      "EC Commission", "European Community Commission", "Council of Ministers", "European Union"],
     ["EC", "EEC", "E.C."], "", {}),
    ("imf", "International Monetary Fund", "imf", ["Monetary Fund", "I.M.F."], ["IMF"], "", {}),
    ("world-bank", "World Bank", "worldbank",
     ["International Bank for Reconstruction and Development"], ["IBRD"], "", {}),
    ("opec", "Organization of Petroleum Exporting Countries", "opec",
     ["Organisation of Petroleum Exporting Countries"], ["OPEC", "Opec"], "", {}),
    ("gatt", "General Agreement on Tariffs and Trade", "gatt", ["Uruguay Round"], ["GATT", "Gatt"], "", {}),
    ("ico-coffee", "International Coffee Organization", "ico-coffee",
     ["International Coffee Organisation", "International Coffee Agreement", "International Coffee Council"],
     ["ICO"], "", {}),
    ("oecd", "Organisation for Economic Co-operation and Development", "oecd",
     ["Organization for Economic Cooperation and Development", "Organisation for Economic Cooperation and Development",
      "Organization for Economic Co-operation and Development"], ["OECD"], "", {}),
    ("icco", "International Cocoa Organization", "icco",
     ["International Cocoa Organisation", "International Cocoa Council", "International Cocoa Agreement"],
     ["ICCO"], "", {}),
    ("adb-asia", "Asian Development Bank", "adb-asia", [], ["ADB", "AsDB"], "",
     {"prior": "0.6", "context_ids": ASIA_CONTEXT}),
    ("un", "United Nations", "un", ["U.N.", "UN Security Council", "U.N. Security Council", "Security Council"],
     ["UN"], "", {}),
    ("itc", "International Tin Council", "itc", [], ["ITC"], "", {}),
    ("unctad", "United Nations Conference on Trade and Development", "unctad",
     ["U.N. Conference on Trade and Development", "UN Conference on Trade and Development",
      "U.N. Trade and Development Conference"],
     ["UNCTAD", "Unctad"], "", {}),
    ("fao", "Food and Agriculture Organization", "fao",
     ["Food and Agriculture Organisation", "U.N. Food and Agriculture Organization"], ["FAO"], "", {}),
    ("adb-africa", "African Development Bank", "adb-africa", [], ["AfDB", "ADB"], "",
     {"prior": "0.4", "context_ids": AFRICA_CONTEXT}),
    ("iea", "International Energy Agency", "iea", [], ["IEA"], "", {}),
    ("inro", "International Natural Rubber Organization", "inro",
     ["International Natural Rubber Organisation", "International Natural Rubber Agreement",
      "International Rubber Organization"], ["INRO"], "", {}),
    ("ida", "International Development Association", "ida", ["International Development Agency"], ["IDA"], "", {}),
    ("idb", "Inter-American Development Bank", "", ["Inter-American Bank", "InterAmerican Development Bank"],
     ["IDB", "IADB"], "", {}),
    ("eib", "European Investment Bank", "eib", [], ["EIB"], "", {}),
    ("iwc-wheat", "International Wheat Council", "iwc-wheat", ["International Wheat Agreement"], ["IWC"], "", {}),
    ("atpc", "Association of Tin Producing Countries", "atpc", [], ["ATPC"], "", {}),
    ("gcc", "Gulf Cooperation Council", "gcc", ["Gulf Co-operation Council"], ["GCC"], "", {}),
    ("bis", "Bank for International Settlements", "bis", [], ["BIS"], "", {}),
    ("oapec", "Organization of Arab Petroleum Exporting Countries", "oapec",
     ["Organisation of Arab Petroleum Exporting Countries"], ["OAPEC"], "", {}),
    ("isa", "International Sugar Organization", "isa",
     ["International Sugar Organisation", "International Sugar Agreement", "International Sugar Council"],
     ["ISO", "ISA"], "", {}),
    ("escap", "Economic and Social Commission for Asia and the Pacific", "escap", [], ["ESCAP"], "", {}),
    ("imco", "International Maritime Organization", "imco",
     ["International Maritime Organisation", "Inter-Governmental Maritime Consultative Organization"],
     ["IMO", "IMCO"], "", {}),
    ("euratom", "European Atomic Energy Community", "euratom", ["Euratom"], [], "", {}),
    ("iwcc", "International Wrought Copper Council", "iwcc", [], ["IWCC"], "", {}),
    ("comecon", "Council for Mutual Economic Assistance", "comecon", ["Comecon"], ["CMEA", "COMECON"], "", {}),
    ("asean", "Association of Southeast Asian Nations", "asean",
     ["Association of South East Asian Nations"], ["ASEAN", "Asean"], "", {}),
    ("efta", "European Free Trade Association", "efta", [], ["EFTA", "Efta"], "", {}),
    ("eca", "Economic Commission for Africa", "eca", ["U.N. Economic Commission for Africa"], ["ECA"], "", {}),
    # Central banks and other bodies news names often; Reuters-21578 has no code for them.
    ("federal-reserve", "Federal Reserve", "",
     ["Federal Reserve Board", "Federal Reserve System", "Federal Reserve Bank of New York", "New York Fed",
      "Federal Open Market Committee"], ["Fed", "FOMC"], "place:usa", {"kind": "central-bank"}),
    ("bundesbank", "Deutsche Bundesbank", "", ["Bundesbank"], [], "place:germany", {"kind": "central-bank"}),
    ("bank-of-japan", "Bank of Japan", "", [], ["BOJ"], "place:japan", {"kind": "central-bank"}),
    ("bank-of-england", "Bank of England", "", [], ["BOE"], "place:uk", {"kind": "central-bank"}),
    ("banque-de-france", "Banque de France", "", ["Bank of France"], [], "place:france", {"kind": "central-bank"}),
    ("bank-of-canada", "Bank of Canada", "", [], [], "place:canada", {"kind": "central-bank"}),
    ("swiss-national-bank", "Swiss National Bank", "", [], ["SNB"], "place:switzerland", {"kind": "central-bank"}),
    ("dutch-central-bank", "De Nederlandsche Bank", "", ["Dutch central bank", "Netherlands central bank"], [],
     "place:netherlands", {"kind": "central-bank"}),
    ("bank-of-italy", "Bank of Italy", "", ["Banca d'Italia"], [], "place:italy", {"kind": "central-bank"}),
    ("reserve-bank-of-australia", "Reserve Bank of Australia", "", [], ["RBA"], "place:australia",
     {"kind": "central-bank"}),
    ("people-s-bank-of-china", "People's Bank of China", "", [], [], "place:china", {"kind": "central-bank"}),
    ("norges-bank", "Norges Bank", "", [], [], "place:norway", {"kind": "central-bank"}),
    ("norges-bank-investment-management", "Norges Bank Investment Management", "", [], ["NBIM"],
     "org:norges-bank", {"kind": "sovereign-wealth-fund"}),
    ("paris-club", "Paris Club", "", [], [], "", {}),
    ("sec", "Securities and Exchange Commission", "", [], ["SEC"], "place:usa", {"kind": "regulator"}),
    ("cftc", "Commodity Futures Trading Commission", "", [], ["CFTC"], "place:usa", {"kind": "regulator"}),
    ("us-treasury", "U.S. Treasury", "", ["Treasury Department", "U.S. Treasury Department"], [], "place:usa",
     {"kind": "ministry"}),
    ("usda", "U.S. Agriculture Department", "", ["Agriculture Department", "U.S. Department of Agriculture",
                                                  "Department of Agriculture"], ["USDA"], "place:usa",
     {"kind": "ministry", "head_word": "Agriculture"}),
    ("miti", "Ministry of International Trade and Industry", "", [], ["MITI"], "place:japan", {"kind": "ministry"}),
    ("group-of-five", "Group of Five", "", ["Group of Seven", "Group of 10", "Group of Ten"], ["G-5", "G-7", "G-10"], "",
     {}),
]

# (id slug, name, reuters code, aliases, case-sensitive aliases, country id)
EXCHANGES = [
    ("nyse", "New York Stock Exchange", "nyse", ["Big Board"], ["NYSE"], "place:usa"),
    ("nasdaq", "Nasdaq", "nasdaq", ["National Association of Securities Dealers Automated Quotation",
                                    "Nasdaq National Market", "NASDAQ National Market System",
                                    "National Association of Securities Dealers"], ["NASDAQ", "NASD"],
     "place:usa"),
    ("amex", "American Stock Exchange", "amex", ["Amex"], ["AMEX"], "place:usa"),
    ("cbot", "Chicago Board of Trade", "cbt", [], ["CBOT", "CBT"], "place:usa"),
    ("cme", "Chicago Mercantile Exchange", "cme", ["Chicago Merc", "International Monetary Market"], ["CME", "IMM"],
     "place:usa"),
    ("toronto-stock-exchange", "Toronto Stock Exchange", "tose", ["Toronto exchange", "Toronto stock market"],
     ["TSE"], "place:canada"),
    ("lse", "London Stock Exchange", "lse", ["International Stock Exchange", "London bourse"], ["LSE"], "place:uk"),
    ("lme", "London Metal Exchange", "lme", [], ["LME"], "place:uk"),
    ("cboe", "Chicago Board Options Exchange", "cboe", [], ["CBOE"], "place:usa"),
    ("liffe", "London International Financial Futures Exchange", "liffe", [], ["LIFFE", "Liffe"], "place:uk"),
    ("nymex", "New York Mercantile Exchange", "nymex", [], ["NYMEX", "Nymex"],
     "place:usa"),
    ("tokyo-stock-exchange", "Tokyo Stock Exchange", "tse",
     ["Tokyo exchange", "Tokyo stock market", "Tokyo stockmarket", "Tokyo bourse"], ["TSE"], "place:japan"),
    ("amsterdam-stock-exchange", "Amsterdam Stock Exchange", "ase", ["Amsterdam bourse", "Amsterdam exchange"], [], "place:netherlands"),
    ("simex", "Singapore International Monetary Exchange", "simex", [], ["SIMEX", "Simex"], "place:singapore"),
    ("paris-bourse", "Paris Bourse", "pse", ["Paris Stock Exchange", "Paris stock market", "Paris exchange"], [],
     "place:france"),
    ("csce", "Coffee, Sugar and Cocoa Exchange", "nycsce",
     ["New York Coffee, Sugar and Cocoa Exchange", "New York Coffee Sugar and Cocoa Exchange"], ["CSCE"],
     "place:usa"),
    ("nyce", "New York Cotton Exchange", "nyce", [], ["NYCE"], "place:usa"),
    ("singapore-stock-exchange", "Stock Exchange of Singapore", "sse", ["Singapore Stock Exchange"], ["SES"],
     "place:singapore"),
    ("comex", "Commodity Exchange", "comex", ["Comex", "Commodity Exchange Inc"], ["COMEX"], "place:usa"),
    ("asx", "Australian Stock Exchange", "asx", ["Sydney Stock Exchange", "Sydney exchange"], ["ASX"],
     "place:australia"),
    ("biffex", "Baltic International Freight Futures Exchange", "biffex", ["Baltic Exchange"], ["BIFFEX", "Biffex"],
     "place:uk"),
    ("hong-kong-stock-exchange", "Hong Kong Stock Exchange", "hkse", ["Stock Exchange of Hong Kong", "Hong Kong exchange"],
     [], "place:hong-kong"),
    ("montreal-exchange", "Montreal Exchange", "mose", ["Montreal Stock Exchange", "Montreal exchange"], [], "place:canada"),
    ("ipe", "International Petroleum Exchange", "ipe", [], ["IPE"], "place:uk"),
    ("zurich-stock-exchange", "Zurich Stock Exchange", "zse", ["Zurich bourse", "Zurich exchange"], [], "place:switzerland"),
    ("frankfurt-stock-exchange", "Frankfurt Stock Exchange", "fse", ["Frankfurt bourse", "Frankfurt exchange"], [], "place:germany"),
    ("brussels-stock-exchange", "Brussels Stock Exchange", "bse", ["Brussels bourse", "Belgian bourse", "Brussels exchange"], [],
     "place:belgium"),
    ("stockholm-stock-exchange", "Stockholm Stock Exchange", "stse", ["Stockholm bourse", "Stockholm exchange"], [], "place:sweden"),
    ("manila-stock-exchange", "Manila Stock Exchange", "mnse", ["Manila exchange"], [], "place:philippines"),
    ("stock-exchange-of-thailand", "Stock Exchange of Thailand", "set", ["Securities Exchange of Thailand"], [],
     "place:thailand"),
    ("oslo-stock-exchange", "Oslo Stock Exchange", "ose", ["Oslo bourse", "Oslo exchange"], [], "place:norway"),
    ("pacific-stock-exchange", "Pacific Stock Exchange", "", [], [], "place:usa"),
    ("midwest-stock-exchange", "Midwest Stock Exchange", "", [], [], "place:usa"),
    ("philadelphia-stock-exchange", "Philadelphia Stock Exchange", "", [], [], "place:usa"),
    ("osaka-securities-exchange", "Osaka Securities Exchange", "", ["Osaka Stock Exchange"], [], "place:japan"),
    ("hkex", "Hong Kong Exchanges and Clearing", "", ["HKEX"], [], "place:hong-kong"),
    # Exchanges without a Reuters-21578 code: listed so that their names are
    # not read as a shorter exchange name inside them ("London Commodity
    # Exchange" is not COMEX).
    ("london-commodity-exchange", "London Commodity Exchange", "", [], ["LCE"], "place:uk"),
    ("midamerica-commodity-exchange", "MidAmerica Commodity Exchange", "", ["Mid-America Commodity Exchange"],
     ["MCE"], "place:usa"),
    ("kansas-city-board-of-trade", "Kansas City Board of Trade", "", [], ["KCBT"], "place:usa"),
    ("minneapolis-grain-exchange", "Minneapolis Grain Exchange", "", [], [], "place:usa"),
    ("winnipeg-commodity-exchange", "Winnipeg Commodity Exchange", "", [], [], "place:canada"),
    ("sydney-futures-exchange", "Sydney Futures Exchange", "", [], ["SFE"], "place:australia"),
    ("hong-kong-futures-exchange", "Hong Kong Futures Exchange", "", [], [], "place:hong-kong"),
    ("tokyo-commodity-exchange", "Tokyo Commodity Exchange", "", ["Tokyo Commodity Exchange for Industry"], [],
     "place:japan"),
    ("tokyo-grain-exchange", "Tokyo Grain Exchange", "", [], [], "place:japan"),
    ("new-york-futures-exchange", "New York Futures Exchange", "", [], ["NYFE"], "place:usa"),
    ("kuala-lumpur-commodity-exchange", "Kuala Lumpur Commodity Exchange", "", [], ["KLCE"], "place:malaysia"),
    ("kuala-lumpur-stock-exchange", "Kuala Lumpur Stock Exchange", "", [], ["KLSE"], "place:malaysia"),
    ("philadelphia-board-of-trade", "Philadelphia Board of Trade", "", [], [], "place:usa"),
    ("chicago-rice-and-cotton-exchange", "Chicago Rice and Cotton Exchange", "", [], [], "place:usa"),
    ("london-futures-and-options-exchange", "London Futures and Options Exchange", "", [], ["FOX"], "place:uk"),
    ("london-grain-futures-market", "London Grain Futures Market", "", [], [], "place:uk"),
    ("london-potato-futures-market", "London Potato Futures Market", "", [], [], "place:uk"),
    ("vancouver-stock-exchange", "Vancouver Stock Exchange", "", [], [], "place:canada"),
    ("johannesburg-stock-exchange", "Johannesburg Stock Exchange", "", [], [], "place:south-africa"),
]

# (reuters code or "" , full name, other full forms, surname, surname alone is
#  distinctive enough to match without context, attributes)
PEOPLE = [
    ("reagan", "Ronald Reagan", ["President Reagan"], "Reagan", True,
     {"role": "U.S. President"}),
    ("james-baker", "James Baker", ["James A. Baker", "James Baker III"], "Baker", False,
     {"role": "U.S. Treasury Secretary", "prior": "0.9"}),
    ("yeutter", "Clayton Yeutter", [], "Yeutter", True, {"role": "U.S. Trade Representative"}),
    ("nakasone", "Yasuhiro Nakasone", [], "Nakasone", True, {"role": "Prime Minister of Japan"}),
    ("volcker", "Paul Volcker", [], "Volcker", True, {"role": "Federal Reserve Chairman"}),
    ("lawson", "Nigel Lawson", [], "Lawson", False, {"role": "U.K. Chancellor of the Exchequer"}),
    ("miyazawa", "Kiichi Miyazawa", [], "Miyazawa", True, {"role": "Japanese Finance Minister"}),
    ("lyng", "Richard Lyng", [], "Lyng", True, {"role": "U.S. Agriculture Secretary"}),
    ("sumita", "Satoshi Sumita", [], "Sumita", True, {"role": "Bank of Japan Governor"}),
    ("ongpin", "Jaime Ongpin", [], "Ongpin", True, {"role": "Philippine Finance Secretary"}),
    ("balladur", "Edouard Balladur", ["Edouard Balladur"], "Balladur", True, {"role": "French Finance Minister"}),
    ("stoltenberg", "Gerhard Stoltenberg", [], "Stoltenberg", True, {"role": "West German Finance Minister"}),
    ("conable", "Barber Conable", [], "Conable", True, {"role": "World Bank President"}),
    ("thatcher", "Margaret Thatcher", ["Mrs Thatcher", "Mrs. Thatcher"], "Thatcher", True,
     {"role": "U.K. Prime Minister"}),
    ("herrington", "John Herrington", [], "Herrington", True, {"role": "U.S. Energy Secretary"}),
    ("subroto", "Subroto", [], "", False, {"role": "Indonesian Energy Minister"}),
    ("james-miller", "James Miller", ["James C. Miller"], "Miller", False, {"role": "U.S. Budget Director"}),
    ("poehl", "Karl Otto Poehl", ["Karl Otto Pohl", "Karl Otto Pöhl", "Karl-Otto Poehl"], "Poehl", True,
     {"role": "Bundesbank President"}),
    ("howard-baker", "Howard Baker", [], "Baker", False, {"role": "White House Chief of Staff", "prior": "0.2"}),
    ("boesky", "Ivan Boesky", [], "Boesky", True, {}),
    ("sarney", "Jose Sarney", [], "Sarney", True, {"role": "President of Brazil"}),
    ("de-clercq", "Willy de Clercq", ["Willy De Clercq"], "De Clercq", True, {"role": "EC Trade Commissioner"}),
    ("chirac", "Jacques Chirac", [], "Chirac", True, {"role": "French Prime Minister"}),
    ("sprinkel", "Beryl Sprinkel", [], "Sprinkel", True, {"role": "U.S. Council of Economic Advisers Chairman"}),
    ("tamura", "Hajime Tamura", [], "Tamura", True, {"role": "Japanese Trade and Industry Minister"}),
    ("icahn", "Carl Icahn", [], "Icahn", True, {}),
    ("kohl", "Helmut Kohl", [], "Kohl", True, {"role": "West German Chancellor"}),
    ("du-plessis", "Barend du Plessis", [], "Du Plessis", True, {"role": "South African Finance Minister"}),
    ("zhao-ziyang", "Zhao Ziyang", [], "Zhao", True, {"role": "Chinese Premier"}),
    ("eyskens", "Mark Eyskens", [], "Eyskens", True, {"role": "Belgian Finance Minister"}),
    ("wilson", "Michael Wilson", [], "Wilson", False, {"role": "Canadian Finance Minister"}),
    ("delors", "Jacques Delors", [], "Delors", True, {"role": "EC Commission President"}),
    ("mulroney", "Brian Mulroney", [], "Mulroney", True, {"role": "Canadian Prime Minister"}),
    ("von-weizsaecker", "Richard von Weizsaecker", ["Richard von Weizsacker"], "Von Weizsaecker", True,
     {"role": "West German President"}),
    ("hisham-nazer", "Hisham Nazer", [], "Nazer", True, {"role": "Saudi Oil Minister"}),
    ("leigh-pemberton", "Robin Leigh-Pemberton", [], "Leigh-Pemberton", True, {"role": "Bank of England Governor"}),
    ("dauster", "Jorio Dauster", [], "Dauster", True, {"role": "Brazilian Coffee Institute President"}),
    ("bangemann", "Martin Bangemann", [], "Bangemann", True, {"role": "West German Economics Minister"}),
    ("fernandez", "Jose Fernandez", [], "Fernandez", False, {"role": "Philippine Central Bank Governor"}),
    ("hawke", "Bob Hawke", [], "Hawke", True, {"role": "Australian Prime Minister"}),
    ("petricioli", "Gustavo Petricioli", [], "Petricioli", True, {"role": "Mexican Finance Minister"}),
    ("garcia", "Alan Garcia", [], "Garcia", False, {"role": "President of Peru"}),
    ("mikulic", "Branko Mikulic", [], "Mikulic", True, {"role": "Yugoslav Prime Minister"}),
    ("papandreou", "Andreas Papandreou", [], "Papandreou", True, {"role": "Greek Prime Minister"}),
    ("mancera-aguayo", "Miguel Mancera Aguayo", ["Miguel Mancera"], "Mancera", True,
     {"role": "Bank of Mexico Director"}),
    ("keating", "Paul Keating", [], "Keating", True, {"role": "Australian Treasurer"}),
    ("languetin", "Pierre Languetin", [], "Languetin", True, {"role": "Swiss National Bank President"}),
    ("aqazadeh", "Gholamreza Aqazadeh", [], "Aqazadeh", True, {"role": "Iranian Oil Minister"}),
    ("de-kock", "Gerhard de Kock", [], "De Kock", True, {"role": "South African Reserve Bank Governor"}),
    ("ruding", "Onno Ruding", ["H. Onno Ruding"], "Ruding", True, {"role": "Dutch Finance Minister"}),
    ("douglas", "Roger Douglas", [], "Douglas", False, {"role": "New Zealand Finance Minister"}),
    ("machinea", "Jose Luis Machinea", [], "Machinea", True, {"role": "Argentine Central Bank President"}),
    ("concepcion", "Jose Concepcion", [], "Concepcion", True, {"role": "Philippine Trade and Industry Secretary"}),
    ("cavaco-silva", "Anibal Cavaco Silva", [], "Cavaco Silva", True, {"role": "Portuguese Prime Minister"}),
    ("fujioka", "Masao Fujioka", [], "Fujioka", True, {"role": "Asian Development Bank President"}),
    ("brodersohn", "Mario Brodersohn", [], "Brodersohn", True, {"role": "Argentine Treasury Secretary"}),
    ("camdessus", "Michel Camdessus", [], "Camdessus", True, {"role": "IMF Managing Director"}),
    ("deng-xiaoping", "Deng Xiaoping", [], "Deng", True, {"role": "Chinese leader"}),
    ("aquino", "Corazon Aquino", [], "Aquino", True, {"role": "President of the Philippines"}),
    ("goria", "Giovanni Goria", [], "Goria", True, {"role": "Italian Treasury Minister"}),
    ("king-fahd", "King Fahd", [], "", False, {"role": "King of Saudi Arabia"}),
    ("ozal", "Turgut Ozal", [], "Ozal", True, {"role": "Turkish Prime Minister"}),
    ("sourrouille", "Juan Sourrouille", [], "Sourrouille", True, {"role": "Argentine Economy Minister"}),
    ("del-mazo", "Alfredo del Mazo", [], "Del Mazo", True, {"role": "Mexican Energy Minister"}),
    ("gandhi", "Rajiv Gandhi", [], "Gandhi", True, {"role": "Indian Prime Minister"}),
    ("de-larosiere", "Jacques de Larosiere", [], "De Larosiere", True, {"role": "Banque de France Governor"}),
    ("suharto", "Suharto", ["President Suharto"], "", False, {"role": "President of Indonesia"}),
    ("duisenberg", "Wim Duisenberg", [], "Duisenberg", True, {"role": "Dutch Central Bank President"}),
    ("haughey", "Charles Haughey", [], "Haughey", True, {"role": "Irish Prime Minister"}),
    ("murdoch", "Rupert Murdoch", [], "Murdoch", True, {}),
    ("schlueter", "Poul Schlueter", [], "Schlueter", True, {"role": "Danish Prime Minister"}),
    ("mohammed-ali-abal-khail", "Mohammed Ali Abal-Khail", [], "Abal-Khail", True,
     {"role": "Saudi Finance Minister"}),
    ("lange", "David Lange", [], "Lange", False, {"role": "New Zealand Prime Minister"}),
    ("ciampi", "Carlo Azeglio Ciampi", [], "Ciampi", True, {"role": "Bank of Italy Governor"}),
    ("masse", "Marcel Masse", [], "Masse", False, {"role": "Canadian Energy Minister"}),
    ("wang-bingqian", "Wang Bingqian", [], "Wang", False, {"role": "Chinese Finance Minister"}),
    ("macsharry", "Ray MacSharry", [], "MacSharry", True, {"role": "Irish Finance Minister"}),
    ("de-la-madrid", "Miguel de la Madrid", [], "De la Madrid", True, {"role": "President of Mexico"}),
    ("corrigan", "Gerald Corrigan", ["E. Gerald Corrigan"], "Corrigan", False,
     {"role": "New York Federal Reserve Bank President"}),
    ("maxwell", "Robert Maxwell", [], "Maxwell", False, {}),
    ("russell", "Spencer Russell", [], "Russell", False, {"role": "Reserve Bank of New Zealand Governor"}),
    ("halikias", "Dimitris Halikias", [], "Halikias", True, {"role": "Bank of Greece Governor"}),
    ("cossiga", "Francesco Cossiga", [], "Cossiga", True, {"role": "President of Italy"}),
    ("pickens", "T. Boone Pickens", ["Boone Pickens"], "Pickens", True, {}),
    ("khomeini", "Ayatollah Ruhollah Khomeini", ["Ayatollah Khomeini"], "Khomeini", True, {}),
    ("babangida", "Ibrahim Babangida", [], "Babangida", True, {"role": "President of Nigeria"}),
    ("alfonsin", "Raul Alfonsin", [], "Alfonsin", True, {"role": "President of Argentina"}),
    ("siregar", "Arifin Siregar", [], "Siregar", True, {"role": "Bank Indonesia Governor"}),
    ("singhasaneh", "Suthee Singhasaneh", [], "Singhasaneh", True, {"role": "Thai Finance Minister"}),
    ("kullberg", "Rolf Kullberg", [], "Kullberg", True, {"role": "Bank of Finland Governor"}),
    ("martens", "Wilfried Martens", [], "Martens", True, {"role": "Belgian Prime Minister"}),
    ("okongwu", "Chu Okongwu", [], "Okongwu", True, {"role": "Nigerian Finance Minister"}),
    ("mousavi", "Mir Hossein Mousavi", [], "Mousavi", True, {"role": "Iranian Prime Minister"}),
    ("jaruzelski", "Wojciech Jaruzelski", [], "Jaruzelski", True, {"role": "Polish leader"}),
    ("prawiro", "Radius Prawiro", [], "Prawiro", True, {"role": "Indonesian Finance Minister"}),
    ("ryzhkov", "Nikolai Ryzhkov", [], "Ryzhkov", True, {"role": "Soviet Prime Minister"}),
    ("steeg", "Helga Steeg", [], "Steeg", True, {"role": "IEA Executive Director"}),
    ("carlsson", "Ingvar Carlsson", [], "Carlsson", True, {"role": "Swedish Prime Minister"}),
    ("kaufman", "Henry Kaufman", [], "Kaufman", False, {"role": "Salomon Brothers economist"}),
    ("johnston", "Bob Johnston", [], "Johnston", False, {"role": "Reserve Bank of Australia Governor"}),
    ("lukman", "Rilwanu Lukman", [], "Lukman", True, {"role": "Nigerian Oil Minister"}),
    ("bond", "Alan Bond", [], "", False, {}),
    ("rubio", "Mariano Rubio", [], "Rubio", False, {"role": "Bank of Spain Governor"}),
    ("andriessen", "Frans Andriessen", [], "Andriessen", True, {"role": "EC Agriculture Commissioner"}),
    ("oeien", "Arne Oeien", [], "Oeien", True, {"role": "Norwegian Oil Minister"}),
    ("perez-de-cuellar", "Javier Perez de Cuellar", [], "Perez de Cuellar", True, {"role": "U.N. Secretary-General"}),
    ("young", "Lord Young", ["David Young", "Lord Young of Graffham"], "Young", False,
     {"role": "U.K. Trade and Industry Secretary"}),
    ("greenspan", "Alan Greenspan", [], "Greenspan", True, {"role": "Federal Reserve Chairman"}),
    ("gorbachev", "Mikhail Gorbachev", [], "Gorbachev", True, {"role": "Soviet leader"}),
    ("", "Joe Tsai", ["Joseph Tsai"], "Tsai", False, {"role": "Alibaba Group chairman"}),
    ("", "Nicolai Tangen", [], "Tangen", False, {"role": "NBIM chief executive"}),
    ("", "Jack Ma", [], "", False, {"role": "Alibaba Group co-founder"}),
    ("", "Eddie Wu", ["Eddie Yongming Wu"], "", False, {"role": "Alibaba Group chief executive"}),
]


def orgs():
    out = []
    for sl, name, reuters, aliases, cs, parent, attrs in ORGS:
        codes = [code("reuters21578", reuters)] if reuters else []
        # Only NBIM has a parent in the proto's sense (owned by Norges Bank);
        # for the others the country is a fact, kept as an attribute.
        a = dict(attrs)
        if parent.startswith("place:"):
            a["country"], parent = parent, ""
        out.append(entity("org:" + sl, "ORGANISATION", name, aliases, codes, parent=parent, attrs=a,
                          case_sensitive=cs))
    return out

# A city's own stock exchange, as its stories name it: "the Stock Exchange
# said" from LONDON, "Bourse officials" from PARIS. These names count only in
# a story datelined in that city (linker: FormKind::kHomeName). New York is
# left out: "the Stock Exchange" there may be the NYSE or the Amex.
STOCK_EXCHANGE, BOURSE = "Stock Exchange", "Bourse"
HOME_NAMES = {
    "lse": ("place:london", [STOCK_EXCHANGE]),
    "paris-bourse": ("place:paris", [BOURSE]),
    "amsterdam-stock-exchange": ("place:amsterdam", [BOURSE, STOCK_EXCHANGE]),
    "brussels-stock-exchange": ("place:brussels", [BOURSE, STOCK_EXCHANGE]),
    "frankfurt-stock-exchange": ("place:frankfurt", [BOURSE, STOCK_EXCHANGE]),
    "zurich-stock-exchange": ("place:zurich", [BOURSE, STOCK_EXCHANGE]),
    "stockholm-stock-exchange": ("place:stockholm", [BOURSE, STOCK_EXCHANGE]),
    "oslo-stock-exchange": ("place:oslo", [BOURSE, STOCK_EXCHANGE]),
    "hong-kong-stock-exchange": ("place:hong-kong", [STOCK_EXCHANGE]),
    "tokyo-stock-exchange": ("place:tokyo", [STOCK_EXCHANGE]),
    "toronto-stock-exchange": ("place:toronto", [STOCK_EXCHANGE]),
    "asx": ("place:sydney", [STOCK_EXCHANGE]),
    "singapore-stock-exchange": ("place:singapore", [STOCK_EXCHANGE]),
    "manila-stock-exchange": ("place:manila", [STOCK_EXCHANGE]),
    "stock-exchange-of-thailand": ("place:bangkok", [STOCK_EXCHANGE]),
    "kuala-lumpur-stock-exchange": ("place:kuala-lumpur", [STOCK_EXCHANGE]),
    "johannesburg-stock-exchange": ("place:johannesburg", [STOCK_EXCHANGE]),
}


def exchanges():
    out = []
    for sl, name, reuters, aliases, cs, country in EXCHANGES:
        codes = [code("reuters21578", reuters)] if reuters else []
        attrs = {"country": country}
        if sl in HOME_NAMES:
            home, names = HOME_NAMES[sl]
            attrs.update(home=home, home_names="|".join(names))
        out.append(entity("exchange:" + sl, "EXCHANGE", name, aliases, codes, attrs=attrs, case_sensitive=cs))
    return out


# Country of each person, read from the role ("U.S. Treasury Secretary"), for
# surname resolution from context; and surnames so common that only a title
# before them ("Budget Director Miller") may make them this person.
ROLE_COUNTRY = [("U.S.", "place:usa"), ("Federal Reserve", "place:usa"), ("White House", "place:usa"),
                ("U.K.", "place:uk"), ("Bank of England", "place:uk"), ("Japan", "place:japan"),
                ("West German", "place:germany"), ("Bundesbank", "place:germany"), ("French", "place:france"),
                ("Banque de France", "place:france"), ("Canadian", "place:canada"), ("Brazil", "place:brazil"),
                ("Philippine", "place:philippines"), ("Saudi", "place:saudi-arabia"), ("Indonesia", "place:indonesia"),
                ("Argentin", "place:argentina"), ("Mexic", "place:mexico"), ("New Zealand", "place:new-zealand"),
                ("Australia", "place:australia"), ("South Africa", "place:south-africa"), ("Belgian", "place:belgium"),
                ("Dutch", "place:netherlands"), ("Ital", "place:italy"), ("Chinese", "place:china"),
                ("Iran", "place:iran"), ("Nigeria", "place:nigeria"), ("Greek", "place:greece"),
                ("Bank of Greece", "place:greece"), ("Yugoslav", "place:yugoslavia"), ("Peru", "place:peru"),
                ("Spain", "place:spain"), ("Swiss", "place:switzerland"), ("Irish", "place:ireland"),
                ("Portug", "place:portugal"), ("Turkish", "place:turkey"), ("Soviet", "place:ussr"),
                ("Polish", "place:poland"), ("Swed", "place:sweden"), ("Danish", "place:denmark"),
                ("Finland", "place:finland"), ("Thai", "place:thailand"), ("Indian", "place:india"),
                ("Norweg", "place:norway"), ("EC ", "org:ec"), ("IMF", "org:imf"), ("World Bank", "org:world-bank"),
                ("IEA", "org:iea"), ("Asian Development Bank", "org:adb-asia"), ("Brazilian", "place:brazil"),
                ("Alibaba", "company:baba"), ("NBIM", "org:norges-bank-investment-management")]
TITLE_ONLY_SURNAMES = {"Baker", "Miller", "Kaufman", "Maxwell", "Young", "Bond", "Wang", "Russell", "Johnston",
                       "Wilson", "Garcia", "Fernandez", "Douglas"}


def people():
    out = []
    for reuters, name, forms, surname, distinctive, attrs in PEOPLE:
        codes = [code("reuters21578", reuters)] if reuters else []
        aliases = list(forms)
        a = dict(attrs)
        if surname and distinctive:
            aliases.append(surname)
        elif surname:
            a["surname"] = surname
            if surname in TITLE_ONLY_SURNAMES:
                a["surname_support"] = "title"
        context = [cid for key, cid in ROLE_COUNTRY if key in a.get("role", "")]
        if context:
            a["context_ids"] = "|".join(dict.fromkeys(context))
        out.append(entity("person:" + slug(name), "PERSON", name, aliases, codes, attrs=a))
    return out


# ---------------------------------------------------------------------------
# Companies
# ---------------------------------------------------------------------------

SUFFIX = re.compile(r"(,?\s+(Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.?|plc|Ltd\.?|Limited|"
                    r"Holdings?|Group|N\.V\.|S\.A\.|AG|SE|& Co\.?))+$", re.I)
# Generated short names that are ordinary words, places or people: keeping
# them would link every "southern" or "target" to a company.
ALIAS_BLOCKLIST = {
    "Southern", "Target", "Progressive", "Ball", "Visa", "Corning", "Carrier", "Match", "Fox", "News", "Waters",
    "Gap", "Pool", "Dover", "Booking", "Hess", "Mosaic", "Ventas", "Eaton", "Chubb", "Loews", "Centene",
    "Jacobs", "Dominion", "Entergy", "Edison", "Xylem", "Revvity", "Vistra", "Cencora", "Amcor", "Allegion",
}


# Former names news still uses (and 1987 ticker marks carry).
FORMER_NAMES = {"MMM": ["Minnesota Mining and Manufacturing", "Minnesota Mining"],
                "IBM": ["International Business Machines"], "GE": ["General Electric"],
                "T": ["American Telephone and Telegraph", "AT&T"], "XOM": ["Exxon"], "CVX": ["Chevron"]}


def company_aliases(name):
    out = []
    bare = re.sub(r"\s*\(.*\)$", "", name)
    short = re.sub(r"^The\s+", "", SUFFIX.sub("", bare).strip().rstrip(","))
    for cand in (bare, short):
        if cand and cand != name and cand not in ALIAS_BLOCKLIST and len(cand) > 3 and cand not in out:
            out.append(cand)
    return out


def companies():
    out = []
    rows = list(csv.DictReader(open(SP500, encoding="utf-8")))
    for r in rows:
        ticker = r["Symbol"].strip()
        name = r["Security"].strip()
        cik = r["CIK"].strip().zfill(10)
        codes = [code("ticker", ticker), code("cik", cik)]
        attrs = {"sector": r["GICS Sector"], "industry": r["GICS Sub-Industry"],
                 "headquarters": r["Headquarters Location"], "founded": r["Founded"], "index": "S&P 500"}
        out.append(entity("company:" + ticker.lower().replace(".", "-"), "COMPANY", name,
                          company_aliases(name) + FORMER_NAMES.get(ticker, []), codes, attrs=attrs))
    # The companies and brands of the Alibaba article.
    out.append(entity("company:baba", "COMPANY", "Alibaba Group Holding",
                      ["Alibaba Group Holding Limited", "Alibaba Group", "Alibaba"],
                      [code("ticker", "BABA", "exchange:nyse"), code("ticker", "9988", "exchange:hkex"),
                       code("cik", "0001577552")],
                      attrs={"sector": "Consumer Discretionary", "industry": "Broadline Retail",
                             "headquarters": "Hangzhou, China"}))
    out.append(entity("brand:taobao", "BRAND", "Taobao", ["Taobao Marketplace"], [], parent="company:baba",
                      attrs={"kind": "online marketplace"}))
    out.append(entity("brand:tmall", "BRAND", "Tmall", ["Tmall.com", "Tmall Global"], [], parent="company:baba",
                      attrs={"kind": "online marketplace"}))
    out.append(entity("company:alibaba-international-digital-commerce", "COMPANY",
                      "Alibaba International Digital Commerce Group", ["Alibaba International Digital Commerce",
                                                                        "AIDC"], [],
                      parent="company:baba", attrs={"kind": "business unit"}))
    out.append(entity("company:ant-group", "COMPANY", "Ant Group", ["Ant Financial"], [],
                      attrs={"headquarters": "Hangzhou, China"}))
    return out


def write(name, entities):
    path = os.path.join(OUT, name)
    entities = sorted(entities, key=lambda e: e["id"])
    ids = set()
    for e in entities:
        if e["id"] in ids:
            raise SystemExit("duplicate id %s in %s" % (e["id"], name))
        ids.add(e["id"])
    with open(path, "w", encoding="utf-8") as f:
        for e in entities:
            f.write(json.dumps(e, ensure_ascii=False, sort_keys=False) + "\n")
    print("%-22s %5d entities" % (name, len(entities)))


def main():
    os.makedirs(OUT, exist_ok=True)
    if not os.path.exists(SP500):
        sys.exit("missing " + SP500 + " (the S&P 500 list from ../shared/data)")
    write("places.ndjson", places())
    write("organisations.ndjson", orgs())
    write("exchanges.ndjson", exchanges())
    write("people.ndjson", people())
    write("companies.ndjson", companies())


if __name__ == "__main__":
    main()
