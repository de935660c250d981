"""Demo text for the cohorts seeder, in English, French and Spanish."""

PARTNERS = [
    {
        "key": "school-of-government",
        "url": "https://example.org/school-of-government",
        "en": (
            "Global School of Government",
            "Teaches public leadership to civil servants from every region.",
        ),
        "fr": (
            "École mondiale de gouvernement",
            "Forme au leadership public des fonctionnaires de toutes les régions.",
        ),
        "es": (
            "Escuela Global de Gobierno",
            "Forma en liderazgo público a personas servidoras públicas de todas las regiones.",
        ),
    },
    {
        "key": "leadership-institute",
        "url": "https://example.org/leadership-institute",
        "en": (
            "Civic Leadership Institute",
            "Supports civil-society leaders who work with governments.",
        ),
        "fr": (
            "Institut du leadership civique",
            "Accompagne les responsables de la société civile qui travaillent avec les gouvernements.",
        ),
        "es": (
            "Instituto de Liderazgo Cívico",
            "Acompaña a líderes de la sociedad civil que trabajan con los gobiernos.",
        ),
    },
]

PROGRAMME = {
    "en": {
        "title": "Leadership Collective",
        "intro": "A year-long programme where reformers from government and civil society learn from each other, in cohorts by region or theme.",
        "purpose": "<p>Lasting reform comes from people who know each other and keep learning together. Each cohort brings together about twenty-five reformers to work on real reforms, with peers from other countries and sectors.</p>",
        "eligibility": "<p>Public officials, parliamentarians, judges and civil-society leaders working on open-government reforms. You need the support of your organisation and about four hours a month.</p>",
        "selection": "<p>A panel reads every application. We build a balanced cohort: regions, government and civil society, national and local work. We tell every applicant the decision at the same time.</p>",
        "faq": [
            (
                "Does it cost anything?",
                "<p>No. The programme is free for participants; travel for in-person sessions is covered.</p>",
            ),
            (
                "Which language is used?",
                "<p>Sessions are in English with French and Spanish interpretation.</p>",
            ),
        ],
    },
    "fr": {
        "title": "Collectif sur le leadership",
        "intro": "Un programme d’un an où des réformateurs du gouvernement et de la société civile apprennent les uns des autres, en cohortes régionales ou thématiques.",
        "purpose": "<p>Les réformes durables naissent de personnes qui se connaissent et continuent d’apprendre ensemble. Chaque cohorte réunit environ vingt-cinq réformateurs autour de réformes réelles, avec des pairs d’autres pays et d’autres secteurs.</p>",
        "eligibility": "<p>Responsables publics, parlementaires, juges et responsables de la société civile qui mènent des réformes de gouvernement ouvert. Il faut le soutien de votre organisation et environ quatre heures par mois.</p>",
        "selection": "<p>Un comité lit chaque candidature. Nous formons une cohorte équilibrée : régions, gouvernement et société civile, travail national et local. Tous les candidats reçoivent la décision au même moment.</p>",
        "faq": [
            (
                "Le programme est-il payant ?",
                "<p>Non. Il est gratuit pour les participants ; les voyages pour les sessions en présentiel sont pris en charge.</p>",
            ),
            (
                "Dans quelle langue se déroule-t-il ?",
                "<p>Les sessions sont en anglais avec interprétation en français et en espagnol.</p>",
            ),
        ],
    },
    "es": {
        "title": "Colectivo de Liderazgo",
        "intro": "Un programa de un año en el que personas reformadoras del gobierno y de la sociedad civil aprenden unas de otras, en cohortes regionales o temáticas.",
        "purpose": "<p>Las reformas duraderas nacen de personas que se conocen y siguen aprendiendo juntas. Cada cohorte reúne a unas veinticinco personas reformadoras para trabajar en reformas reales, con pares de otros países y sectores.</p>",
        "eligibility": "<p>Funcionariado público, parlamentarios, jueces y líderes de la sociedad civil que impulsan reformas de gobierno abierto. Necesitas el apoyo de tu organización y unas cuatro horas al mes.</p>",
        "selection": "<p>Un comité lee cada postulación. Formamos una cohorte equilibrada: regiones, gobierno y sociedad civil, trabajo nacional y local. Todas las personas reciben la decisión al mismo tiempo.</p>",
        "faq": [
            (
                "¿Tiene algún costo?",
                "<p>No. El programa es gratuito; los viajes a las sesiones presenciales están cubiertos.</p>",
            ),
            (
                "¿En qué idioma se realiza?",
                "<p>Las sesiones son en inglés con interpretación al francés y al español.</p>",
            ),
        ],
    },
}

#: (slug, kind, region, places, text per language)
COHORTS = [
    {
        "slug": "africa-middle-east-2027",
        "kind": "open",
        "region": "africa_middle_east",
        "format": "hybrid",
        "location": "Nairobi and online",
        "en": (
            "Africa and the Middle East cohort 2027",
            "For reformers in Africa and the Middle East working on open budgets and public participation.",
        ),
        "fr": (
            "Cohorte Afrique et Moyen-Orient 2027",
            "Pour les réformateurs d’Afrique et du Moyen-Orient qui travaillent sur la transparence budgétaire et la participation du public.",
        ),
        "es": (
            "Cohorte África y Oriente Medio 2027",
            "Para personas reformadoras de África y Oriente Medio que trabajan en presupuestos abiertos y participación ciudadana.",
        ),
    },
    {
        "slug": "open-contracting-2026",
        "kind": "running",
        "region": "",
        "format": "online",
        "location": "",
        "en": (
            "Open contracting cohort 2026",
            "A thematic cohort on opening up public procurement, from data to citizen monitoring.",
        ),
        "fr": (
            "Cohorte contrats ouverts 2026",
            "Une cohorte thématique sur l’ouverture des marchés publics, des données au suivi citoyen.",
        ),
        "es": (
            "Cohorte contrataciones abiertas 2026",
            "Una cohorte temática sobre la apertura de las compras públicas, de los datos al monitoreo ciudadano.",
        ),
    },
    {
        "slug": "americas-2025",
        "kind": "completed",
        "region": "americas",
        "format": "in_person",
        "location": "Bogotá",
        "en": (
            "Americas cohort 2025",
            "Local and national reformers of the Americas who worked on access to information.",
        ),
        "fr": (
            "Cohorte Amériques 2025",
            "Des réformateurs locaux et nationaux des Amériques qui ont travaillé sur l’accès à l’information.",
        ),
        "es": (
            "Cohorte Américas 2025",
            "Personas reformadoras locales y nacionales de las Américas que trabajaron en acceso a la información.",
        ),
    },
]

QUESTIONS = {
    "en": [
        (
            "long_text",
            "Which reform are you working on, and what is its next step?",
            "About 200 words.",
            True,
            [],
        ),
        (
            "choice",
            "How much time can you give each month?",
            "",
            True,
            ["Two hours", "Four hours", "More"],
        ),
        (
            "file",
            "Letter of support from your organisation",
            "PDF or document, up to 5 MB.",
            False,
            [],
        ),
    ],
    "fr": [
        (
            "long_text",
            "Sur quelle réforme travaillez-vous, et quelle est sa prochaine étape ?",
            "Environ 200 mots.",
            True,
            [],
        ),
        (
            "choice",
            "Combien de temps pouvez-vous consacrer chaque mois ?",
            "",
            True,
            ["Deux heures", "Quatre heures", "Davantage"],
        ),
        (
            "file",
            "Lettre de soutien de votre organisation",
            "PDF ou document, 5 Mo au plus.",
            False,
            [],
        ),
    ],
    "es": [
        (
            "long_text",
            "¿En qué reforma trabajas y cuál es su próximo paso?",
            "Unas 200 palabras.",
            True,
            [],
        ),
        (
            "choice",
            "¿Cuánto tiempo puedes dedicar cada mes?",
            "",
            True,
            ["Dos horas", "Cuatro horas", "Más"],
        ),
        ("file", "Carta de apoyo de tu organización", "PDF o documento, hasta 5 MB.", False, []),
    ],
}

SESSIONS = {
    "en": [
        ("Opening: why reforms stick", "Ana Gómez"),
        ("Coalitions across sectors", "Kwame Mensah"),
        ("Measuring what changed", "Priya Shah"),
    ],
    "fr": [
        ("Ouverture : pourquoi les réformes durent", "Ana Gómez"),
        ("Des coalitions entre secteurs", "Kwame Mensah"),
        ("Mesurer ce qui a changé", "Priya Shah"),
    ],
    "es": [
        ("Apertura: por qué las reformas perduran", "Ana Gómez"),
        ("Coaliciones entre sectores", "Kwame Mensah"),
        ("Medir lo que cambió", "Priya Shah"),
    ],
}

#: Extra demo reformers for the cohorts (email, name, language, country, sector, scope).
PEOPLE = [
    ("carlos.mendoza@example.org", "Carlos Mendoza", "es", "CO", "local_government", "local"),
    ("grace.njeri@example.org", "Grace Njeri", "en", "KE", "civil_society", "national"),
    ("youssef.benali@example.org", "Youssef Benali", "fr", "MA", "national_government", "national"),
    ("ana.souza@example.org", "Ana Souza", "es", "BR", "civil_society", "local"),
    ("thomas.martin@example.org", "Thomas Martin", "fr", "CA", "parliament", "national"),
    ("maria.lopez@example.org", "María López", "es", "MX", "local_government", "local"),
]

#: The open call's review form (issue 17): label and description per language.
RUBRIC = [
    (
        "2",
        {
            "en": ("Leadership", "Has led a reform with others and can show what changed."),
            "fr": (
                "Leadership",
                "A mené une réforme avec d’autres et peut montrer ce qui a changé.",
            ),
            "es": (
                "Liderazgo",
                "Ha liderado una reforma con otras personas y puede mostrar qué cambió.",
            ),
        },
    ),
    (
        "1",
        {
            "en": ("Motivation", "Knows what they want to change during the cohort."),
            "fr": ("Motivation", "Sait ce qu’elle ou il veut changer pendant la cohorte."),
            "es": ("Motivación", "Sabe qué quiere cambiar durante la cohorte."),
        },
    ),
]
