"""Demo words for the groups seeder. Demo content is data: each post is written in its
own language (``language`` is recorded on the post), French with *vous*, Spanish with
*usted*.

A thread is ``(title, [post, ...], options)``; a post is ``(author email, language, body,
index of the post it quotes or None)``. The first post opens the thread. Options:
``announcement`` (a pinned host announcement; its author must host the group) and
``days_ago`` (when the thread started).
"""

GRACE = "grace.njeri@example.org"
YOUSSEF = "youssef.benali@example.org"
ANA = "ana.souza@example.org"
THOMAS = "thomas.martin@example.org"
CARLOS = "carlos.mendoza@example.org"
AMINA = "amina.diallo@example.org"
JAMES = "james.okoro@example.org"
FATOU = "fatou.ndiaye@example.org"
LUCIA = "lucia.fernandez@example.org"
SOFIA = "sofia.rossi@example.org"
NADIA = "nadia.haddad@example.org"
OLENA = "olena.kovalenko@example.org"
ZAINAB = "zainab.ali@example.org"
LEILA = "leila.haidari@example.org"
CLAIRE = "claire.dubois@example.org"
DIEGO = "diego.torres@example.org"
VALENTINA = "valentina.rojas@example.org"
PRIYA = "priya.sharma@example.org"
SAMUEL = "samuel.mensah@example.org"
ANDRES = "andres.gomez@example.org"
GRACE_W = "grace.wanjiru@example.org"
MARC = "marc.lefevre@example.org"
HANNAH = "hannah.smith@example.org"

# ---------------------------------------------------------------------------
# Cohort spaces, by cohort slug (cohorts/demo/content.py). Hosts are made with
# services.host_set; in the cohort that has not started yet they are alumni mentors
# added by staff.

COHORTS = {
    "open-contracting-2026": {
        "hosts": [THOMAS],
        "members": [],
        "threads": [
            (
                "Session 3: the preparation worksheet is up",
                [
                    (
                        THOMAS,
                        "en",
                        "Welcome back, everyone. Our third session, **Measuring what "
                        "changed** with Priya Shah, is in two weeks, at 14:00 UTC as usual.\n\n"
                        "The preparation worksheet is with the session in the schedule of "
                        "this group: please fill it in before we meet, it takes about twenty "
                        "minutes. The slides and the case study of the first two sessions "
                        "are there too.\n\n"
                        "Interpretation into French and Spanish is available as usual.",
                        None,
                    ),
                ],
                {"announcement": True, "days_ago": 2},
            ),
            (
                "Question: how do you publish contract amendments?",
                [
                    (
                        YOUSSEF,
                        "fr",
                        "Une question pour le groupe : dans nos données de marchés publics, "
                        "les avenants aux contrats n’apparaissent presque jamais. Le standard "
                        "OCDS prévoit bien des « amendments », mais nos ministères les "
                        "saisissent encore sur papier. Comment publiez-vous les "
                        "modifications de contrats chez vous ?",
                        None,
                    ),
                    (
                        GRACE,
                        "en",
                        "In Kenya we started with something modest: every amendment is "
                        "scanned and linked to the original award on the portal. Not "
                        "machine-readable yet, but it made the gap visible, and journalists "
                        "started asking why some contracts grew by 40%.",
                        0,
                    ),
                    (
                        ANA,
                        "es",
                        "En Brasil lo resolvimos con un campo obligatorio en el sistema de "
                        "compras: sin el motivo de la modificación, el sistema no permite "
                        "guardarla. Fue una discusión larga con el área jurídica, pero hoy "
                        "se publica el 90 % de las modificaciones.",
                        None,
                    ),
                    (
                        THOMAS,
                        "en",
                        "Thank you all. Let's keep this going in the next session: Priya "
                        "Shah has offered to look at amendment data with us, and Kwame's "
                        "case study was about exactly this fight between the procurement "
                        "office and the legal department.",
                        None,
                    ),
                ],
                {"days_ago": 6},
            ),
            (
                "Red flags: which indicators do you actually use?",
                [
                    (
                        GRACE,
                        "en",
                        "The red-flags guide lists more than seventy indicators. We track "
                        "four: single bidder, very short tender periods, late amendments, "
                        "and awards just under the threshold. Which ones turned out to be "
                        "useful for you, and which ones only produced noise?",
                        None,
                    ),
                    (
                        ANA,
                        "es",
                        "Coincido con la oferta única: es el indicador que más se entiende "
                        "fuera del equipo técnico. El de plazos cortos nos dio muchos falsos "
                        "positivos en compras de emergencia.",
                        0,
                    ),
                    (
                        THOMAS,
                        "fr",
                        "Au Parlement, nous regardons surtout la concentration : quelle part "
                        "des marchés d’un ministère va aux trois mêmes fournisseurs. C’est "
                        "simple à expliquer en commission.",
                        None,
                    ),
                ],
                {"days_ago": 12},
            ),
            (
                "Peer review of our action plans",
                [
                    (
                        THOMAS,
                        "en",
                        "As agreed in session 1, let's pair up to read each other's action "
                        "plans before the end of the month. Reply here with the part of your "
                        "plan you most want feedback on.",
                        None,
                    ),
                    (
                        YOUSSEF,
                        "fr",
                        "Pour moi, le calendrier : je ne sais pas si dix-huit mois suffisent "
                        "pour publier les données de tous les ministères.",
                        None,
                    ),
                    (
                        GRACE,
                        "en",
                        "The monitoring part: how to involve county citizen groups without "
                        "promising more than we can deliver. Youssef, shall we pair up?",
                        1,
                    ),
                ],
                {"days_ago": 20},
            ),
        ],
        "resources": [
            (
                "Open Contracting Data Standard: documentation",
                "The reference for publishing each stage of a contract, amendments included.",
                "https://standard.open-contracting.org/latest/en/",
                THOMAS,
            ),
            (
                "Red flags for integrity",
                "The Open Contracting Partnership's guide to the indicators discussed in "
                "session 1.",
                "https://www.open-contracting.org/resources/red-flags-integrity-giving-green-light-open-data-solutions/",
                GRACE,
            ),
        ],
        "file": ("Cohort handbook 2026", "cohort-handbook-2026.pdf", THOMAS),
    },
    "americas-2025": {
        "hosts": [CARLOS],
        "members": [],
        "threads": [
            (
                "Encuentro de exalumnos en marzo",
                [
                    (
                        CARLOS,
                        "es",
                        "Estimadas y estimados colegas: el encuentro de exalumnos de la "
                        "cohorte será el 12 de marzo, en línea, de 15:00 a 16:30 (hora de "
                        "Bogotá). Cada persona tendrá cinco minutos para contar en qué quedó "
                        "su reforma de acceso a la información.\n\n"
                        "Habrá interpretación al inglés y al francés. Les agradezco "
                        "confirmar su participación en este grupo.",
                        None,
                    ),
                ],
                {"announcement": True, "days_ago": 4},
            ),
            (
                "¿Qué pasó con nuestras reformas un año después?",
                [
                    (
                        CARLOS,
                        "es",
                        "Hace un año presentamos nuestros planes en Bogotá. En mi caso, el "
                        "portal de solicitudes del ministerio ya funciona, pero los plazos "
                        "de respuesta siguen sin cumplirse. ¿Cómo van ustedes?",
                        None,
                    ),
                    (
                        ANA,
                        "es",
                        "En São Paulo la ley municipal se aprobó en agosto. Lo más difícil "
                        "ahora es capacitar a las 300 personas que responden solicitudes.",
                        None,
                    ),
                    (
                        GRACE,
                        "en",
                        "Same story here: the law passed, the practice lags. What helped us "
                        "was publishing the response times of each department every month.",
                        0,
                    ),
                    (
                        THOMAS,
                        "fr",
                        "Au Canada, nous avons obtenu une audition en commission grâce aux "
                        "données que Carlos nous avait montrées. Merci encore !",
                        None,
                    ),
                ],
                {"days_ago": 15},
            ),
            (
                "Using the certificate: letters of support and next steps",
                [
                    (
                        GRACE,
                        "en",
                        "A practical question: has anyone used the programme certificate "
                        "when asking their organisation for time to keep working on the "
                        "reform? I am preparing a short note for my board.",
                        None,
                    ),
                    (
                        YOUSSEF,
                        "fr",
                        "Oui, je l’ai joint à ma demande de détachement, avec le plan "
                        "d’action. Je peux vous envoyer le modèle de lettre.",
                        0,
                    ),
                ],
                {"days_ago": 30},
            ),
            (
                "Modelos de respuesta a solicitudes de información",
                [
                    (
                        ANA,
                        "es",
                        "Comparto los modelos de respuesta que usamos en la alcaldía: "
                        "respuesta completa, parcial con tachaduras justificadas y "
                        "prórroga. ¿Alguien tiene un modelo para las denegaciones?",
                        None,
                    ),
                    (
                        CARLOS,
                        "es",
                        "Nosotros usamos el de la Ley Modelo Interamericana: cita el "
                        "artículo exacto y explica cómo recurrir. Lo dejo en los recursos "
                        "del grupo.",
                        0,
                    ),
                ],
                {"days_ago": 45},
            ),
        ],
        "resources": [
            (
                "Inter-American Model Law 2.0 on Access to Public Information",
                "The model law the cohort used as its reference.",
                "https://www.oas.org/en/sla/dil/access_to_information.asp",
                CARLOS,
            ),
            (
                "OGP: access to information policy area",
                "Commitments and lessons from OGP members.",
                "https://www.opengovpartnership.org/policy-area/right-to-information/",
                ANA,
            ),
        ],
        "file": ("Final presentations of the cohort", "americas-2025-presentations.pdf", CARLOS),
    },
    "africa-middle-east-2027": {
        # The cohort has not started: alumni mentors host its space until it does.
        "hosts": [YOUSSEF, GRACE],
        "members": [],
        "threads": [
            (
                "Welcome to the cohort space",
                [
                    (
                        YOUSSEF,
                        "en",
                        "Welcome! Grace and I took part in earlier cohorts and will host "
                        "this space until the programme starts. Participants join "
                        "automatically once selected. Until then we are collecting the "
                        "questions people ask about the programme.",
                        None,
                    ),
                ],
                {"announcement": True, "days_ago": 3},
            ),
            (
                "What to prepare before the first session",
                [
                    (
                        GRACE,
                        "en",
                        "From experience: have a one-page description of your reform ready, "
                        "and the name of one person in government and one in civil society "
                        "you can count on.",
                        None,
                    ),
                    (
                        YOUSSEF,
                        "fr",
                        "Et lisez l’Open Budget Survey de votre pays : la première session "
                        "part souvent de ces chiffres.",
                        0,
                    ),
                ],
                {"days_ago": 5},
            ),
            (
                "Nairobi sessions: practical questions",
                [
                    (
                        GRACE,
                        "en",
                        "The in-person week will be in Nairobi. Ask here about visas, "
                        "travel and accessibility; the programme team reads this thread.",
                        None,
                    ),
                    (
                        YOUSSEF,
                        "fr",
                        "Précision utile : les frais de voyage sont pris en charge, y "
                        "compris pour une personne accompagnante si vous en avez besoin.",
                        None,
                    ),
                ],
                {"days_ago": 8},
            ),
        ],
        "resources": [
            (
                "Open Budget Survey",
                "Budget transparency, participation and oversight, country by country.",
                "https://internationalbudget.org/open-budget-survey",
                YOUSSEF,
            ),
            (
                "OGP Africa and the Middle East",
                "Members, action plans and events in the region.",
                "https://www.opengovpartnership.org/ogp-africa-and-the-middle-east/",
                GRACE,
            ),
        ],
        "file": None,
    },
}

#: Session materials added to the running cohort's curriculum, per session index and
#: language: (title, a document generated from the title, or a link).
SESSION_MATERIALS = {
    0: {
        "en": [("Slides: why reforms stick", "document")],
        "fr": [("Diapositives : pourquoi les réformes durent", "document")],
        "es": [("Diapositivas: por qué las reformas perduran", "document")],
    },
    1: {
        "en": [
            ("Case study: coalitions across sectors", "document"),
            ("Reading: OGP coalition resources", "https://www.opengovpartnership.org/"),
        ],
        "fr": [
            ("Étude de cas : des coalitions entre secteurs", "document"),
            (
                "Lecture : ressources du PGO sur les coalitions",
                "https://www.opengovpartnership.org/fr/",
            ),
        ],
        "es": [
            ("Estudio de caso: coaliciones entre sectores", "document"),
            (
                "Lectura: recursos de OGP sobre coaliciones",
                "https://www.opengovpartnership.org/es/",
            ),
        ],
    },
    2: {
        "en": [("Worksheet: measuring what changed", "document")],
        "fr": [("Fiche de préparation : mesurer ce qui a changé", "document")],
        "es": [("Hoja de trabajo: medir lo que cambió", "document")],
    },
}

# ---------------------------------------------------------------------------
# Alumni networks: the programme's network ("leadership") and the network of all alumni
# (None). Members come from the cohorts app.

ALUMNI = {
    "leadership": {
        "hosts": [CARLOS],
        "threads": [
            (
                "Mentoring the 2027 cohort: who is in?",
                [
                    (
                        GRACE,
                        "en",
                        "The programme team asked whether alumni could mentor participants "
                        "of the 2027 cohort: about two hours a month for six months. Who "
                        "would be up for it?",
                        None,
                    ),
                    (
                        CARLOS,
                        "es",
                        "Cuenten conmigo, sobre todo para reformas municipales.",
                        None,
                    ),
                    (
                        YOUSSEF,
                        "fr",
                        "Avec plaisir, pour les réformes budgétaires. Je peux accompagner "
                        "deux personnes.",
                        0,
                    ),
                ],
                {"days_ago": 9},
            ),
        ],
    },
    None: {
        "hosts": [ANA],
        "threads": [
            (
                "Alumni meet-up at the OGP Global Summit",
                [
                    (
                        ANA,
                        "en",
                        "Several of us will be at the Global Summit. Shall we meet on the "
                        "first evening? I can book a table near the venue.",
                        None,
                    ),
                    (
                        THOMAS,
                        "fr",
                        "Excellente idée, je serai là dès le lundi.",
                        0,
                    ),
                ],
                {"days_ago": 11},
            ),
        ],
    },
}

# ---------------------------------------------------------------------------
# Thematic networks, by theme slug: members who join (open networks), and threads in all
# three languages.

THEMATIC = {
    "anti-corruption": {
        "members": [JAMES, AMINA, FATOU, CARLOS, SOFIA, OLENA, HANNAH, DIEGO],
        "threads": [
            (
                "Beneficial ownership registers: what made yours usable?",
                [
                    (
                        JAMES,
                        "en",
                        "Nigeria's register has been public for a year. The hardest part "
                        "was not the law but verification: how do you check what companies "
                        "declare? Curious what worked elsewhere.",
                        None,
                    ),
                    (
                        AMINA,
                        "fr",
                        "Au Sénégal, nous croisons le registre avec les données des marchés "
                        "publics : une entreprise qui remporte un marché doit avoir déclaré "
                        "ses bénéficiaires effectifs. C’est ce qui a fait monter le taux de "
                        "déclaration.",
                        0,
                    ),
                    (
                        OLENA,
                        "en",
                        "In Ukraine journalists did much of the verification. Making the "
                        "data free to download in bulk mattered more than any search form.",
                        None,
                    ),
                    (
                        CARLOS,
                        "es",
                        "Muy útil. En México estamos empezando y la pregunta del umbral es "
                        "clave: ¿qué porcentaje de propiedad usan ustedes?",
                        1,
                    ),
                ],
                {"days_ago": 7},
            ),
            (
                "Déclarations de patrimoine : publier sans exposer les familles",
                [
                    (
                        AMINA,
                        "fr",
                        "Nous préparons la publication des déclarations de patrimoine des "
                        "députés. Comment avez-vous concilié transparence et protection des "
                        "proches (adresses, enfants) ? Quels champs publiez-vous ?",
                        None,
                    ),
                    (
                        FATOU,
                        "fr",
                        "À l’Assemblée, nous proposons de publier les montants et la nature "
                        "des biens, jamais les adresses ni les noms des enfants. La "
                        "commission des lois semble d’accord.",
                        0,
                    ),
                    (
                        JAMES,
                        "en",
                        "We publish the same way and keep the full declaration for the "
                        "oversight body. Worth writing the rule into the law, not a decree.",
                        None,
                    ),
                ],
                {"days_ago": 10},
            ),
            (
                "Contratación municipal: ¿por dónde empezar?",
                [
                    (
                        CARLOS,
                        "es",
                        "Varios municipios pequeños nos piden ayuda para publicar sus "
                        "contratos. No tienen equipo técnico. ¿Qué les recomendarían como "
                        "primer paso?",
                        None,
                    ),
                    (
                        DIEGO,
                        "es",
                        "Empezar por las obras públicas, que es lo que la ciudadanía más "
                        "sigue, y publicar en una hoja de cálculo antes que en un portal.",
                        0,
                    ),
                    (
                        HANNAH,
                        "en",
                        "Agreed: a spreadsheet published every month beats a portal that "
                        "takes two years. The OCDS has a simple template for that.",
                        1,
                    ),
                ],
                {"days_ago": 14},
            ),
        ],
    },
    "access-to-information": {
        "members": [ANA, CARLOS, CLAIRE, MARC, PRIYA, VALENTINA],
        "threads": [
            (
                "Plazos de respuesta: ¿cuántas solicitudes se contestan a tiempo?",
                [
                    (
                        ANA,
                        "es",
                        "En nuestra alcaldía, solo el 60 % de las solicitudes se contesta "
                        "dentro del plazo legal. ¿Publican ustedes esta cifra? ¿Les ayudó a "
                        "mejorarla?",
                        None,
                    ),
                    (
                        PRIYA,
                        "en",
                        "Our research across Indian states found that publishing the figure "
                        "per department, every quarter, was what moved it.",
                        0,
                    ),
                    (
                        CLAIRE,
                        "fr",
                        "En France, la commission d’accès publie un rapport annuel, mais "
                        "c’est trop lent pour changer les pratiques. Le suivi trimestriel "
                        "me paraît une très bonne idée.",
                        None,
                    ),
                ],
                {"days_ago": 6},
            ),
            (
                "Registre des demandes d’accès : que publier ?",
                [
                    (
                        CLAIRE,
                        "fr",
                        "Nous voulons publier le registre des demandes d’accès reçues par le "
                        "ministère. Publiez-vous aussi les réponses, ou seulement l’objet de "
                        "la demande et la décision ?",
                        None,
                    ),
                    (
                        MARC,
                        "fr",
                        "En Belgique, nous publions l’objet, la date et la décision, et les "
                        "documents communiqués quand ils ne contiennent pas de données "
                        "personnelles.",
                        0,
                    ),
                    (
                        VALENTINA,
                        "es",
                        "En Chile el portal publica las respuestas: ha reducido las "
                        "solicitudes repetidas sobre los mismos temas.",
                        None,
                    ),
                ],
                {"days_ago": 13},
            ),
            (
                "Proactive disclosure: your minimum list",
                [
                    (
                        PRIYA,
                        "en",
                        "If you could make every public body publish five things without "
                        "being asked, which five would you choose?",
                        None,
                    ),
                    (
                        CARLOS,
                        "es",
                        "Presupuesto, contratos, organigrama con salarios, agenda de "
                        "reuniones con lobistas y actas de las decisiones.",
                        0,
                    ),
                ],
                {"days_ago": 21},
            ),
        ],
    },
    "participation-inclusion": {
        "members": [LUCIA, VALENTINA, ANDRES, SAMUEL, GRACE_W, YOUSSEF],
        "threads": [
            (
                "Presupuestos participativos: ¿cómo llegar a quienes nunca participan?",
                [
                    (
                        LUCIA,
                        "es",
                        "En Medellín, las mismas organizaciones participan cada año. Este "
                        "año queremos llegar a jóvenes y a personas que trabajan de noche. "
                        "¿Qué les ha funcionado?",
                        None,
                    ),
                    (
                        SAMUEL,
                        "en",
                        "In Accra we held the assemblies at the markets, at the end of the "
                        "day, with childcare. Turnout among women doubled.",
                        0,
                    ),
                    (
                        YOUSSEF,
                        "fr",
                        "Au Maroc, le vote par SMS a beaucoup aidé pour les jeunes, à "
                        "condition de garder aussi des réunions en personne.",
                        None,
                    ),
                    (
                        ANDRES,
                        "es",
                        "Y traducir los materiales a las lenguas indígenas: en Guatemala fue "
                        "lo que más cambió quién participa.",
                        None,
                    ),
                ],
                {"days_ago": 5},
            ),
            (
                "Reporting back: closing the loop with participants",
                [
                    (
                        GRACE_W,
                        "en",
                        "People stop coming when they never hear what happened to their "
                        "proposals. How do you report back, and how often?",
                        None,
                    ),
                    (
                        VALENTINA,
                        "es",
                        "Publicamos un tablero con el estado de cada proyecto votado y "
                        "enviamos un mensaje a quienes votaron cuando una obra empieza.",
                        0,
                    ),
                ],
                {"days_ago": 16},
            ),
        ],
    },
}

# ---------------------------------------------------------------------------
# A coalition (on request) and a secret group, made by staff.

COALITION = {
    "slug": "civic-space-coalition",
    "theme": "civic-space",
    "en": (
        "Civic space coalition",
        "Reformers from government and civil society who defend the freedoms of "
        "association, assembly and expression, and warn each other early when civic space "
        "closes.",
    ),
    "fr": (
        "Coalition pour l’espace civique",
        "Des réformateurs et réformatrices du gouvernement et de la société civile qui "
        "défendent les libertés d’association, de réunion et d’expression, et s’alertent "
        "mutuellement dès que l’espace civique se restreint.",
    ),
    "es": (
        "Coalición por el espacio cívico",
        "Personas reformadoras del gobierno y de la sociedad civil que defienden las "
        "libertades de asociación, reunión y expresión, y se alertan entre sí en cuanto se "
        "restringe el espacio cívico.",
    ),
    "hosts": [NADIA, SOFIA],
    #: Members whose request a host approved.
    "approved": [OLENA, ZAINAB, ANDRES],
    #: (email, note): a request the hosts have not answered yet.
    "pending": [
        (
            LEILA,
            "I coordinate a network of environmental defenders in Jordan and would like to "
            "share what we see about new restrictions on public gatherings.",
        ),
    ],
    "threads": [
        (
            "A shared tracker of restrictive NGO laws",
            [
                (
                    SOFIA,
                    "en",
                    "Several of us follow draft laws on foreign funding of NGOs. Shall we "
                    "keep one shared tracker, country by country, with the stage each bill "
                    "has reached?",
                    None,
                ),
                (
                    OLENA,
                    "en",
                    "Yes please. I can add the Eastern European countries this week.",
                    0,
                ),
                (
                    NADIA,
                    "fr",
                    "Je m’occupe de l’Afrique du Nord. Indiquons aussi les recours "
                    "possibles devant les tribunaux.",
                    None,
                ),
                (
                    ANDRES,
                    "es",
                    "Para Centroamérica puedo ayudar yo. ¿Usamos el mismo formato que el "
                    "informe de CIVICUS?",
                    None,
                ),
            ],
            {"days_ago": 4},
        ),
    ],
}

SECRET = {
    "slug": "steering-group",
    "name": "Steering group of the Collective",
    "description": "The members' representatives who prepare the Collective's strategy "
    "with the secretariat.",
    "hosts": [AMINA],
    #: Invited by the host, and accepted.
    "invited": [JAMES, LUCIA],
    "threads": [
        (
            "Agenda for the December steering meeting",
            [
                (
                    AMINA,
                    "en",
                    "Draft agenda: the 2027 cohorts, the budget for the regional meetings, "
                    "and how we choose the next thematic networks. Anything to add before "
                    "Friday?",
                    None,
                ),
                (
                    JAMES,
                    "en",
                    "Could we add ten minutes on mentoring by alumni? The alumni network "
                    "already has volunteers.",
                    0,
                ),
                (
                    LUCIA,
                    "es",
                    "De acuerdo. Propongo también revisar la interpretación en las sesiones: "
                    "varias personas han pedido más sesiones en español.",
                    None,
                ),
            ],
            {"days_ago": 2},
        ),
    ],
}
