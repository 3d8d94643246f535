"""One place, organisation or person under the names the French and the English press give it.
Pure data and lookup.

A watchlist written in English says "Moscow", "Algiers" and "ECOWAS"; French outlets write
"Moscou", "Alger" and "CEDEAO" or "Communauté économique des États de l'Afrique de l'Ouest".
These are other names, not other spellings: no rule about letters links "Beijing" to "Pékin",
so they come from a table. An actor of the watchlist is matched under every name of its group
here (``match.Matcher`` adds them as forms), whichever of them the watchlist lists. The
tables hold what the region's press names most: capitals and cities of the Sahel's partners,
the countries and towns whose names differ between the two languages, the international,
national and armed organisations of the Sahel under their full names and acronyms, and a few
people's nicknames (Hemedti). Anything missing here is still matched under the names the
watchlist gives.
"""

from __future__ import annotations

from functools import cache, lru_cache

from monitor.detect.text import folded_words

# each line: one place, its names in any order (English, French, other current spellings)
PLACES: tuple[tuple[str, ...], ...] = (
    # cities
    ("Moscow", "Moscou"),
    ("Saint Petersburg", "Saint-Pétersbourg", "St Petersburg"),
    ("Sochi", "Sotchi"),
    ("Beijing", "Pékin", "Peking"),
    ("Algiers", "Alger"),
    ("Cairo", "Le Caire", "Caire"),  # « au Caire »
    ("Kyiv", "Kiev", "Kyïv"),
    ("London", "Londres"),
    ("Brussels", "Bruxelles"),
    ("Geneva", "Genève"),
    ("Tehran", "Téhéran"),
    ("Jerusalem", "Jérusalem"),
    ("Mecca", "La Mecque"),
    ("Addis Ababa", "Addis-Abeba"),
    ("N'Djamena", "Ndjamena", "N’Djaména"),
    ("Timbuktu", "Tombouctou"),
    ("Segou", "Ségou"),
    ("Tillaberi", "Tillabéri"),
    ("Menaka", "Ménaka"),
    ("Tinzaouaten", "Tinzaouatène", "Tin Zaouaten", "Tin Zaouatène"),
    # countries and regions
    ("Russia", "Russie"),
    ("China", "Chine"),
    ("Turkey", "Turquie", "Türkiye"),
    ("Algeria", "Algérie"),
    ("Morocco", "Maroc"),
    ("Libya", "Libye"),
    ("Egypt", "Égypte"),
    ("Sudan", "Soudan"),
    ("South Sudan", "Soudan du Sud"),
    ("Darfur", "Darfour"),
    ("Port Sudan", "Port-Soudan"),
    ("Chad", "Tchad"),
    ("Mauritania", "Mauritanie"),
    ("Senegal", "Sénégal"),
    ("Guinea", "Guinée"),
    ("Guinea-Bissau", "Guinée-Bissau"),
    ("Equatorial Guinea", "Guinée équatoriale"),
    ("Ivory Coast", "Côte d'Ivoire"),
    ("Benin", "Bénin"),
    ("Cameroon", "Cameroun"),
    ("Nigeria", "Nigéria"),
    ("Tunisia", "Tunisie"),
    ("Ethiopia", "Éthiopie"),
    ("Eritrea", "Érythrée"),
    ("Somalia", "Somalie"),
    ("Tanzania", "Tanzanie"),
    ("Zambia", "Zambie"),
    ("Namibia", "Namibie"),
    ("South Africa", "Afrique du Sud"),
    ("Democratic Republic of the Congo", "DR Congo", "DRC", "République démocratique du Congo", "RDC", "RD Congo"),
    ("Cape Verde", "Cabo Verde", "Cap-Vert"),
    ("Gambia", "The Gambia", "Gambie"),
    ("Liberia", "Libéria"),
    ("Greece", "Grèce"),
    ("Germany", "Allemagne"),
    # the rest of the world whose French names differ
    ("Hungary", "Hongrie"),
    ("Poland", "Pologne"),
    ("Netherlands", "Pays-Bas"),
    ("Switzerland", "Suisse"),
    ("Austria", "Autriche"),
    ("Sweden", "Suède"),
    ("Norway", "Norvège"),
    ("Denmark", "Danemark"),
    ("Finland", "Finlande"),
    ("Ireland", "Irlande"),
    ("Czech Republic", "Czechia", "République tchèque", "Tchéquie"),
    ("Slovakia", "Slovaquie"),
    ("Romania", "Roumanie"),
    ("Bulgaria", "Bulgarie"),
    ("Serbia", "Serbie"),
    ("Croatia", "Croatie"),
    ("Albania", "Albanie"),
    ("Cyprus", "Chypre"),
    ("Malta", "Malte"),
    ("Belarus", "Biélorussie", "Bélarus"),
    ("Moldova", "Moldavie"),
    ("Georgia", "Géorgie"),
    ("Armenia", "Arménie"),
    ("Azerbaijan", "Azerbaïdjan"),
    ("Uzbekistan", "Ouzbékistan"),
    ("Lebanon", "Liban"),
    ("Jordan", "Jordanie"),
    ("Yemen", "Yémen"),
    ("Kuwait", "Koweït"),
    ("Bahrain", "Bahreïn"),
    ("Iraq", "Irak"),
    ("Japan", "Japon"),
    ("South Korea", "Corée du Sud"),
    ("North Korea", "Corée du Nord"),
    ("Indonesia", "Indonésie"),
    ("Malaysia", "Malaisie"),
    ("Australia", "Australie"),
    ("Brazil", "Brésil"),
    ("Argentina", "Argentine"),
    ("Mexico", "Mexique"),
    ("Colombia", "Colombie"),
    ("Belgium", "Belgique"),
    ("Spain", "Espagne"),
    ("Italy", "Italie"),
    ("United Kingdom", "Royaume-Uni"),
    ("United States", "États-Unis"),
    ("Saudi Arabia", "Arabie saoudite"),
    ("United Arab Emirates", "Émirats arabes unis", "Émirats", "EAU"),
    ("Abu Dhabi", "Abou Dhabi"),
    ("Canary Islands", "îles Canaries", "Canaries"),
    ("Ouagadougou", "Ouaga"),
    ("India", "Inde"),
    ("Far North Region", "Far North", "Extrême-Nord", "région de l'Extrême-Nord"),
    ("Central African Republic", "République centrafricaine", "Centrafrique", "RCA"),
    ("El Fasher", "El-Facher", "El Facher", "al-Fashir"),
    ("Syria", "Syrie"),
    ("Crimea", "Crimée"),
    ("Donbas", "Donbass"),
    ("Lake Chad", "lac Tchad"),
    ("Western Sahara", "Sahara occidental"),
    ("Burkina Faso", "Burkina"),
    ("The Hague", "La Haye"),
    ("Gulf of Guinea", "golfe de Guinée"),
    ("W National Park", "parc W", "parc national du W", "W Park"),
)


ORGANIZATIONS: tuple[tuple[str, ...], ...] = (
    ("ECOWAS", "CEDEAO", "Economic Community of West African States",
     "Communauté économique des États de l'Afrique de l'Ouest"),
    ("AES", "Alliance of Sahel States", "Alliance des États du Sahel", "Confederation of Sahel States",
     "Confédération des États du Sahel"),
    ("JNIM", "GSIM", "Group for the Support of Islam and Muslims", "Groupe de soutien à l'islam et aux musulmans"),
    # renamed Islamic State Sahel Province in 2022; the French press says both
    ("ISGS", "EIGS", "ISSP", "Islamic State in the Greater Sahara", "État islamique au Grand Sahara",
     "Islamic State Sahel Province", "État islamique au Sahel", "EIS"),
    ("Ansarul Islam", "Ansaroul Islam", "Ansar ul Islam"),
    ("Ansar Dine", "Ansar Eddine", "Ansar ed-Dine", "Ansar al-Din"),
    ("Katiba Macina", "Katiba Massina", "Macina Liberation Front", "Front de libération du Macina"),
    ("Boko Haram", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "JAS"),
    ("FAMa", "Malian Armed Forces", "Forces armées maliennes"),
    # France's army, ministries and operations in the Sahel
    ("French Army", "French Armed Forces", "armée française", "forces armées françaises", "forces françaises"),
    ("French Armed Forces General Staff", "French General Staff", "état-major des armées", "EMA"),
    ("French Ministry of the Armed Forces", "French Ministry of Armed Forces", "French Defence Ministry",
     "ministère des Armées", "ministère français des Armées"),
    ("French Foreign Ministry", "French Ministry for Europe and Foreign Affairs", "Quai d'Orsay",
     "ministère français des Affaires étrangères"),
    ("French Presidency", "Élysée", "palais de l'Élysée"),
    ("Operation Barkhane", "Barkhane", "opération Barkhane", "force Barkhane"),
    ("Takuba Task Force", "Takuba", "task force Takuba", "force Takuba"),
    ("VDP", "Volunteers for the Defence of the Homeland", "Volontaires pour la défense de la patrie"),
    # not "UN", "AU" nor "EU": words in an all-capital headline ("eu", had); "UA" and "UE" are none
    ("ONU", "United Nations", "Nations unies", "Organisation des Nations unies"),
    ("United Nations Security Council", "UN Security Council", "UNSC", "Security Council",
     "Conseil de sécurité des Nations unies", "Conseil de sécurité de l'ONU", "Conseil de sécurité"),
    ("MINUSMA", "United Nations Multidimensional Integrated Stabilization Mission in Mali",
     "Mission multidimensionnelle intégrée des Nations unies pour la stabilisation au Mali"),
    ("MINUSCA", "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic",
     "Mission multidimensionnelle intégrée des Nations unies pour la stabilisation en Centrafrique",
     "Mission multidimensionnelle intégrée des Nations unies pour la stabilisation en République centrafricaine"),
    ("African Union", "UA", "Union africaine"),
    ("European Union", "UE", "Union européenne"),
    # Mali's institutions
    ("CNT", "National Transitional Council", "National Transition Council", "Conseil national de transition"),
    ("HCI", "High Islamic Council of Mali", "High Islamic Council", "Haut Conseil islamique du Mali",
     "Haut Conseil islamique"),
    ("ORTM", "Malian Broadcasting Corporation", "Office of Radio and Television of Mali",
     "Office de radiodiffusion télévision du Mali"),
    ("EDM", "EDM-SA", "Energy of Mali", "Énergie du Mali"),
    ("AIGE", "Independent Election Management Authority", "Independent Authority for the Management of Elections",
     "Autorité indépendante de gestion des élections"),
    # the juntas' councils and the northern Malian armed movements
    ("CNSP", "National Council for the Safeguard of the Homeland", "Conseil national pour la sauvegarde de la patrie"),
    ("MPSR", "Patriotic Movement for Safeguard and Restoration",
     "Mouvement patriotique pour la sauvegarde et la restauration"),
    ("CNRD", "National Committee of Reconciliation and Development",
     "Comité national du rassemblement pour le développement"),
    ("FLA", "Azawad Liberation Front", "Front de libération de l'Azawad"),
    ("CSP", "Permanent Strategic Framework", "Cadre stratégique permanent"),
    ("LNA", "ANL", "Libyan National Army", "Armée nationale libyenne"),
    ("RSF", "FSR", "Rapid Support Forces", "Forces de soutien rapide"),
    ("Polisario Front", "Polisario", "Front Polisario"),
    ("Ansaru", "Ansarou"),
    ("ISWAP", "EIAO", "Islamic State West Africa Province", "Islamic State in West Africa Province",
     "État islamique en Afrique de l'Ouest"),
    ("SAF", "FAS", "Sudanese Armed Forces", "Forces armées soudanaises"),
    ("ECCAS", "CEEAC", "Economic Community of Central African States",
     "Communauté économique des États de l'Afrique centrale"),
    ("UNHCR", "HCR", "UN Refugee Agency", "Haut-Commissariat des Nations unies pour les réfugiés",
     "Haut-Commissariat pour les réfugiés"),
    # the region's main parties
    ("The Transformers", "Transformers", "Transformers party", "Les Transformateurs", "Transformateurs"),
    ("MPS", "Patriotic Salvation Movement", "Mouvement patriotique du salut"),
    ("PPA-CI", "African Peoples' Party - Ivory Coast", "African Peoples' Party – Côte d'Ivoire",
     "Parti des peuples africains – Côte d'Ivoire", "Parti des peuples africains"),
    ("FPI", "Ivorian Popular Front", "Front populaire ivoirien"),
    ("PASTEF", "African Patriots of Senegal for Work, Ethics and Fraternity",
     "Patriotes africains du Sénégal pour le travail, l'éthique et la fraternité"),
    ("APR", "Alliance for the Republic", "Alliance pour la République"),
    ("PDS", "Senegalese Democratic Party", "Parti démocratique sénégalais"),
    ("RHDP", "Rally of Houphouetists for Democracy and Peace",
     "Rassemblement des houphouëtistes pour la démocratie et la paix"),
    ("PDCI", "PDCI-RDA", "Democratic Party of Ivory Coast", "Parti démocratique de Côte d'Ivoire"),
    ("PNDS", "PNDS-Tarayya", "Nigerien Party for Democracy and Socialism",
     "Parti nigérien pour la démocratie et le socialisme"),
    ("MPP", "People's Movement for Progress", "Mouvement du peuple pour le progrès"),
    ("CDP", "Congress for Democracy and Progress", "Congrès pour la démocratie et le progrès"),
    ("RPM", "Rally for Mali", "Rassemblement pour le Mali"),
    ("Adema", "Adema-PASJ", "Alliance for Democracy in Mali", "Alliance pour la démocratie au Mali"),
    ("M5-RFP", "June 5 Movement-Rally of Patriotic Forces", "June 5th Movement-Rally of Patriotic Forces",
     "Mouvement du 5 juin-Rassemblement des forces patriotiques"),
    ("CMAS", "Coordination of Movements, Associations and Supporters of Imam Mahmoud Dicko",
     "Coordination of Movements, Associations and Sympathisers of Imam Mahmoud Dicko",
     "Coordination des mouvements, associations et sympathisants de l'imam Mahmoud Dicko"),
    ("RDPC", "CPDM", "Cameroon People's Democratic Movement", "Rassemblement démocratique du peuple camerounais"),
    ("UNIR", "Union for the Republic", "Union pour la République"),
    ("UFDG", "Union of Democratic Forces of Guinea", "Union des forces démocratiques de Guinée"),
    # the region's monetary and development institutions
    ("BCEAO", "Central Bank of West African States", "Banque centrale des États de l'Afrique de l'Ouest"),
    ("WAEMU", "UEMOA", "West African Economic and Monetary Union", "Union économique et monétaire ouest-africaine"),
    ("WAMU Securities Agency", "UMOA-Titres", "Agence UMOA-Titres"),
    ("AfDB", "BAD", "African Development Bank", "Banque africaine de développement"),
    ("IsDB", "Islamic Development Bank", "Banque islamique de développement"),
    ("BOAD", "West African Development Bank", "Banque ouest-africaine de développement"),
    ("WAPP", "EEEOA", "West African Power Pool", "Système d'échanges d'énergie électrique ouest-africain"),
    # press freedom and human rights
    ("RFI", "Radio France Internationale"),
    ("RSF", "Reporters Without Borders", "Reporters sans frontières"),  # RSF is also the Rapid Support Forces
    ("LCI", "La Chaîne Info"),
    ("CPJ", "Committee to Protect Journalists", "Comité pour la protection des journalistes"),
    ("OHCHR", "HCDH", "Office of the UN High Commissioner for Human Rights",
     "Office of the United Nations High Commissioner for Human Rights", "UN Human Rights Office",
     "Haut-Commissariat des Nations unies aux droits de l'homme", "Haut-Commissariat aux droits de l'homme"),
    # the region's UN agencies and forces, by their French acronyms
    ("WFP", "PAM", "World Food Programme", "World Food Program", "Programme alimentaire mondial"),
    ("IOM", "OIM", "International Organization for Migration", "Organisation internationale pour les migrations"),
    ("IAEA", "AIEA", "International Atomic Energy Agency", "Agence internationale de l'énergie atomique"),
    ("FAO", "Food and Agriculture Organization", "UN Food and Agriculture Organization",
     "Organisation des Nations unies pour l'alimentation et l'agriculture"),
    # humanitarian organisations
    ("ICRC", "CICR", "International Committee of the Red Cross", "Comité international de la Croix-Rouge"),
    ("MSF", "Doctors Without Borders", "Médecins sans frontières"),
    ("Action Against Hunger", "Action contre la faim"),
    ("CILSS", "Permanent Interstate Committee for Drought Control in the Sahel",
     "Comité permanent inter-États de lutte contre la sécheresse dans le Sahel"),
    ("OCHA", "Office for the Coordination of Humanitarian Affairs",
     "Bureau de la coordination des affaires humanitaires"),
    ("UNICEF", "United Nations Children's Fund", "Fonds des Nations unies pour l'enfance"),
    ("MNJTF", "FMM", "Multinational Joint Task Force", "Force multinationale mixte"),
    ("AFRICOM", "United States Africa Command", "US Africa Command", "U.S. Africa Command",
     "commandement américain pour l'Afrique", "commandement des États-Unis pour l'Afrique"),
    ("FAN", "Nigerien Armed Forces", "Niger Armed Forces", "Forces armées nigériennes"),
    ("FOCAC", "Forum on China-Africa Cooperation", "Forum sur la coopération sino-africaine"),
    ("NATO", "OTAN"),
    ("ICC", "CPI", "International Criminal Court", "Cour pénale internationale"),
    ("IMF", "FMI", "International Monetary Fund", "Fonds monétaire international"),
)
# people the press calls by a nickname or initials no spelling rule reaches
PERSONS: tuple[tuple[str, ...], ...] = (
    ("Mohamed Hamdan Dagalo", "Mohamed Hamdan Daglo", "Hemedti", "Hemetti", "Hemeti"),
    ("Mohamed bin Zayed Al Nahyan", "Mohamed bin Zayed", "Mohammed ben Zayed", "MBZ"),
    ("Mohammed bin Salman", "Mohammed ben Salmane", "MBS"),
    ("Ibrahim Boubacar Keïta", "IBK"),
    ("Amadou Toumani Touré", "ATT"),
)
TABLES = {"place": PLACES, "organization": ORGANIZATIONS, "group": ORGANIZATIONS, "person": PERSONS}


# names two groups share: each group keeps it, the other names of a group are looked up by the
# name the watchlist gives (a watchlist that lists both actors has neither take it: match.Matcher)
SHARED = frozenset({"rsf"})


@cache
def _index(kind: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    return {folded_words(name): group for group in TABLES.get(kind, ()) for name in group
            if name.casefold() not in SHARED}


@lru_cache(maxsize=1 << 16)  # a watchlist's forms are looked up again by the translation reader
def other_names(name: str, kind: str) -> tuple[str, ...]:
    """The other names of the ``kind`` of actor (place, organization, group, person) called
    ``name`` (any of its names, any accents or case); () when the table does not know it."""
    key = folded_words(name)
    return tuple(other for other in _index(kind).get(key, ()) if folded_words(other) != key)
