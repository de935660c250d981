"""Demo stories, resources, the guide and news, in English, French and Spanish."""

INDEXES = {
    "stories": {
        "en": ("Stories", "Stories of reform, told by the people who made them happen."),
        "fr": ("Récits", "Des récits de réforme, racontés par celles et ceux qui les ont menées."),
        "es": ("Historias", "Historias de reforma, contadas por quienes las hicieron realidad."),
    },
    "resources": {
        "en": ("Resources", "Guides, toolkits, case studies and research for reformers."),
        "fr": (
            "Ressources",
            "Guides, boîtes à outils, études de cas et recherches pour les réformateurs.",
        ),
        "es": (
            "Recursos",
            "Guías, herramientas, estudios de caso e investigaciones para quienes impulsan reformas.",
        ),
    },
    "news": {
        "en": ("News", "What is happening across the collective."),
        "fr": ("Actualités", "Ce qui se passe au sein du collectif."),
        "es": ("Noticias", "Lo que está pasando en el colectivo."),
    },
    "themes": {
        "en": ("Themes", "Everything we publish and do, by theme."),
        "fr": ("Thèmes", "Tout ce que nous publions et faisons, par thème."),
        "es": ("Temas", "Todo lo que publicamos y hacemos, por tema."),
    },
}

STORIES = [
    {
        "slug": "participatory-budget-makueni",
        "country": "KE",
        "sectors": ["local_government", "civil_society"],
        "themes": ["fiscal-openness", "participation-inclusion"],
        "en": (
            "How Makueni let residents decide on a tenth of its budget",
            "Village assemblies now choose projects worth a tenth of the county's development budget.",
            "When the budget is yours, you guard it.",
            "<p>In 2013 the county started holding assemblies in every village. Residents listed what they needed most: water points, clinics, roads to market.</p><p>Each year the county publishes what was chosen, what it cost and where the work stands. Project committees of residents check the work before contractors are paid.</p>",
        ),
        "fr": (
            "Comment Makueni a confié un dixième de son budget à ses habitants",
            "Des assemblées de village choisissent désormais des projets représentant un dixième du budget de développement du comté.",
            "Quand le budget est le vôtre, vous le surveillez.",
            "<p>En 2013, le comté a commencé à réunir des assemblées dans chaque village. Les habitants ont dit ce dont ils avaient le plus besoin : points d'eau, dispensaires, routes vers les marchés.</p><p>Chaque année, le comté publie ce qui a été choisi, le coût et l'avancement des travaux. Des comités d'habitants vérifient les travaux avant que les entreprises soient payées.</p>",
        ),
        "es": (
            "Cómo Makueni dejó que sus habitantes decidieran una décima parte del presupuesto",
            "Las asambleas de aldea eligen ahora proyectos por una décima parte del presupuesto de desarrollo del condado.",
            "Cuando el presupuesto es tuyo, lo cuidas.",
            "<p>En 2013 el condado empezó a celebrar asambleas en cada aldea. Los vecinos dijeron lo que más necesitaban: puntos de agua, centros de salud, caminos al mercado.</p><p>Cada año el condado publica lo elegido, su costo y el avance de las obras. Comités de vecinos revisan el trabajo antes de que se pague a los contratistas.</p>",
        ),
    },
    {
        "slug": "open-contracting-colombia",
        "country": "CO",
        "sectors": ["national_government", "oversight"],
        "themes": ["anti-corruption"],
        "en": (
            "Opening every public contract in Colombia",
            "A national platform publishes every contract, from tender to payment, in open data.",
            "Journalists found in a week what audits used to find in a year.",
            "<p>The procurement agency moved all tenders onto one platform and published the data in the Open Contracting Data Standard.</p><p>Within months, journalists and civil society groups were flagging single-bidder tenders and price anomalies, and oversight bodies began to use the same data.</p>",
        ),
        "fr": (
            "Ouvrir tous les marchés publics en Colombie",
            "Une plateforme nationale publie chaque marché, de l'appel d'offres au paiement, en données ouvertes.",
            "Les journalistes ont trouvé en une semaine ce que les audits mettaient un an à trouver.",
            "<p>L'agence des achats publics a regroupé tous les appels d'offres sur une seule plateforme et publié les données selon le standard des données sur la commande publique ouverte.</p><p>En quelques mois, journalistes et associations ont signalé les offres uniques et les prix anormaux, et les organes de contrôle ont commencé à utiliser les mêmes données.</p>",
        ),
        "es": (
            "Abrir todos los contratos públicos en Colombia",
            "Una plataforma nacional publica cada contrato, de la licitación al pago, en datos abiertos.",
            "Los periodistas encontraron en una semana lo que las auditorías tardaban un año en hallar.",
            "<p>La agencia de compras públicas llevó todas las licitaciones a una sola plataforma y publicó los datos con el Estándar de Datos de Contrataciones Abiertas.</p><p>En pocos meses, periodistas y organizaciones civiles señalaban licitaciones con un solo oferente y precios anómalos, y los órganos de control empezaron a usar los mismos datos.</p>",
        ),
    },
    {
        "slug": "climate-assembly-ireland",
        "country": "IE",
        "sectors": ["parliament", "academia"],
        "themes": ["climate-action", "participation-inclusion"],
        "en": (
            "A citizens' assembly that shaped climate law",
            "Ninety-nine randomly chosen residents deliberated for months; parliament adopted most of their recommendations.",
            "We were asked what we would accept. We said: more than you think.",
            "<p>Members were drawn by lot to reflect the country by age, gender and region. They heard from scientists, farmers and industry before voting.</p><p>A parliamentary committee then examined every recommendation in public, and most found their way into the climate law.</p>",
        ),
        "fr": (
            "Une assemblée citoyenne qui a façonné la loi climat",
            "Quatre-vingt-dix-neuf habitants tirés au sort ont délibéré pendant des mois ; le parlement a adopté la plupart de leurs recommandations.",
            "On nous a demandé ce que nous accepterions. Nous avons répondu : plus que vous ne le pensez.",
            "<p>Les membres ont été tirés au sort pour représenter le pays par âge, genre et région. Ils ont entendu des scientifiques, des agriculteurs et des industriels avant de voter.</p><p>Une commission parlementaire a ensuite examiné chaque recommandation en public, et la plupart se retrouvent dans la loi climat.</p>",
        ),
        "es": (
            "Una asamblea ciudadana que dio forma a la ley del clima",
            "Noventa y nueve personas elegidas por sorteo deliberaron durante meses; el parlamento adoptó la mayoría de sus recomendaciones.",
            "Nos preguntaron qué aceptaríamos. Dijimos: más de lo que creen.",
            "<p>Los miembros se eligieron por sorteo para reflejar al país por edad, género y región. Escucharon a científicos, agricultores e industria antes de votar.</p><p>Una comisión parlamentaria examinó después cada recomendación en público, y la mayoría llegó a la ley del clima.</p>",
        ),
    },
]

RESOURCES = [
    {
        "slug": "beneficial-ownership-toolkit",
        "type": "toolkit",
        "themes": ["anti-corruption"],
        "country": "",
        "en": (
            "Beneficial ownership registers: a toolkit",
            "Steps, model laws and checklists to publish who really owns companies.",
            "<p>Start with the legal definition, then the data standard, then verification. Each chapter ends with a checklist.</p>",
        ),
        "fr": (
            "Registres des bénéficiaires effectifs : boîte à outils",
            "Étapes, lois types et listes de contrôle pour publier qui possède réellement les entreprises.",
            "<p>Commencez par la définition juridique, puis le standard de données, puis la vérification. Chaque chapitre se termine par une liste de contrôle.</p>",
        ),
        "es": (
            "Registros de beneficiarios finales: caja de herramientas",
            "Pasos, leyes modelo y listas de verificación para publicar quién es dueño de las empresas.",
            "<p>Empiece por la definición legal, luego el estándar de datos y después la verificación. Cada capítulo termina con una lista de verificación.</p>",
        ),
    },
    {
        "slug": "access-to-information-case-study",
        "type": "case_study",
        "themes": ["access-to-information"],
        "country": "MX",
        "en": (
            "Case study: an information commission with teeth",
            "How an independent commission made ministries answer requests on time.",
            "<p>Binding decisions, public deadlines and a searchable archive of every answer changed how ministries respond.</p>",
        ),
        "fr": (
            "Étude de cas : une commission d'accès à l'information qui a du mordant",
            "Comment une commission indépendante a obligé les ministères à répondre dans les délais.",
            "<p>Des décisions contraignantes, des délais publics et une archive consultable de chaque réponse ont changé la façon dont les ministères répondent.</p>",
        ),
        "es": (
            "Estudio de caso: un órgano de transparencia con dientes",
            "Cómo un órgano independiente logró que los ministerios respondieran a tiempo.",
            "<p>Resoluciones vinculantes, plazos públicos y un archivo consultable de cada respuesta cambiaron la forma en que responden los ministerios.</p>",
        ),
    },
    {
        "slug": "civic-space-research",
        "type": "research",
        "themes": ["civic-space"],
        "country": "",
        "en": (
            "Research: protecting civic space in reform plans",
            "What commitments on civic space achieved, across 40 action plans.",
            "<p>Commitments with a named institution, a deadline and a public report were three times more likely to be completed.</p>",
        ),
        "fr": (
            "Recherche : protéger l'espace civique dans les plans de réforme",
            "Ce qu'ont donné les engagements sur l'espace civique, dans 40 plans d'action.",
            "<p>Les engagements avec une institution désignée, une échéance et un rapport public ont trois fois plus de chances d'être menés à bien.</p>",
        ),
        "es": (
            "Investigación: proteger el espacio cívico en los planes de reforma",
            "Qué lograron los compromisos sobre espacio cívico en 40 planes de acción.",
            "<p>Los compromisos con una institución responsable, un plazo y un informe público tuvieron tres veces más probabilidades de cumplirse.</p>",
        ),
    },
]

GUIDE = {
    "slug": "open-government-guide",
    "themes": ["anti-corruption", "access-to-information", "fiscal-openness"],
    "en": (
        "The Open Government Guide",
        "Practical recommendations for reformers, chapter by chapter.",
        "<p>Use this guide to design commitments that change things. Read it in order or go straight to the chapter you need.</p>",
    ),
    "fr": (
        "Le guide du gouvernement ouvert",
        "Des recommandations pratiques pour les réformateurs, chapitre par chapitre.",
        "<p>Servez-vous de ce guide pour concevoir des engagements qui changent les choses. Lisez-le dans l'ordre ou allez directement au chapitre utile.</p>",
    ),
    "es": (
        "La guía de gobierno abierto",
        "Recomendaciones prácticas para quienes impulsan reformas, capítulo por capítulo.",
        "<p>Use esta guía para diseñar compromisos que cambien las cosas. Léala en orden o vaya directo al capítulo que necesita.</p>",
    ),
    "chapters": [
        {
            "slug": "getting-started",
            "en": (
                "Getting started",
                "Who to bring around the table, and how.",
                "<p>Bring government and civil society together from the first day, with a shared timetable and public minutes.</p>",
            ),
            "fr": (
                "Pour commencer",
                "Qui réunir autour de la table, et comment.",
                "<p>Réunissez administration et société civile dès le premier jour, avec un calendrier commun et des comptes rendus publics.</p>",
            ),
            "es": (
                "Para empezar",
                "A quién sentar a la mesa, y cómo.",
                "<p>Reúna al gobierno y a la sociedad civil desde el primer día, con un calendario común y actas públicas.</p>",
            ),
        },
        {
            "slug": "writing-commitments",
            "en": (
                "Writing commitments that work",
                "Specific, measurable and owned by someone.",
                "<p>A good commitment names who does what by when, and how the public will know it happened.</p>",
            ),
            "fr": (
                "Rédiger des engagements qui marchent",
                "Précis, mesurables et portés par quelqu'un.",
                "<p>Un bon engagement dit qui fait quoi et pour quand, et comment le public saura que c'est fait.</p>",
            ),
            "es": (
                "Redactar compromisos que funcionen",
                "Concretos, medibles y con un responsable.",
                "<p>Un buen compromiso dice quién hace qué y para cuándo, y cómo sabrá el público que se cumplió.</p>",
            ),
        },
        {
            "slug": "monitoring",
            "en": (
                "Monitoring and learning",
                "Report in public, and learn from what did not work.",
                "<p>Publish progress every six months. Say plainly what stalled and why; others will learn as much from that.</p>",
            ),
            "fr": (
                "Suivre et apprendre",
                "Rendre compte en public, et tirer les leçons de ce qui n'a pas marché.",
                "<p>Publiez l'avancement tous les six mois. Dites clairement ce qui a bloqué et pourquoi : les autres en apprendront autant.</p>",
            ),
            "es": (
                "Seguimiento y aprendizaje",
                "Informar en público y aprender de lo que no funcionó.",
                "<p>Publique el avance cada seis meses. Diga claramente qué se atascó y por qué: los demás aprenderán tanto de eso.</p>",
            ),
        },
    ],
}

NEWS = [
    {
        "slug": "regional-cohort-africa",
        "type": "announcement",
        "themes": ["participation-inclusion"],
        "country": "SN",
        "en": (
            "A new leadership cohort for Africa and the Middle East",
            "Applications open for reformers from government and civil society.",
            "<p>The cohort meets online for six months and in person once, in Dakar.</p>",
        ),
        "fr": (
            "Une nouvelle cohorte de leadership pour l'Afrique et le Moyen-Orient",
            "Les candidatures sont ouvertes aux réformateurs de l'administration et de la société civile.",
            "<p>La cohorte se réunit en ligne pendant six mois et une fois en personne, à Dakar.</p>",
        ),
        "es": (
            "Una nueva cohorte de liderazgo para África y Oriente Medio",
            "Abiertas las candidaturas para personas reformistas del gobierno y la sociedad civil.",
            "<p>La cohorte se reúne en línea durante seis meses y una vez en persona, en Dakar.</p>",
        ),
    },
    {
        "slug": "digital-governance-webinar",
        "type": "update",
        "themes": ["digital-governance"],
        "country": "",
        "en": (
            "What we learned about algorithms in public services",
            "Highlights from our webinar with three city governments.",
            "<p>Publish a register of the algorithms you use, explain them in plain language, and let people contest decisions.</p>",
        ),
        "fr": (
            "Ce que nous avons appris sur les algorithmes dans les services publics",
            "Les points forts de notre webinaire avec trois villes.",
            "<p>Publiez un registre des algorithmes utilisés, expliquez-les simplement et permettez de contester les décisions.</p>",
        ),
        "es": (
            "Lo que aprendimos sobre algoritmos en los servicios públicos",
            "Lo más destacado de nuestro seminario web con tres gobiernos municipales.",
            "<p>Publique un registro de los algoritmos que usa, explíquelos con palabras sencillas y permita impugnar las decisiones.</p>",
        ),
    },
    {
        "slug": "justice-award-call",
        "type": "press_release",
        "themes": ["justice"],
        "country": "",
        "en": (
            "Nominations open for the access to justice award",
            "Know a reformer who brought justice closer to people? Nominate them.",
            "<p>Nominations close in eight weeks. A jury from four regions will review every nomination.</p>",
        ),
        "fr": (
            "Les nominations sont ouvertes pour le prix de l'accès à la justice",
            "Vous connaissez une personne qui a rapproché la justice des gens ? Proposez-la.",
            "<p>Les nominations ferment dans huit semaines. Un jury venu de quatre régions examinera chaque proposition.</p>",
        ),
        "es": (
            "Abiertas las nominaciones al premio de acceso a la justicia",
            "¿Conoce a alguien que acercó la justicia a la gente? Nomínelo.",
            "<p>Las nominaciones cierran en ocho semanas. Un jurado de cuatro regiones revisará cada nominación.</p>",
        ),
    },
]
