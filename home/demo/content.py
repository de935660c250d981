"""Demo text for seed_demo, in the three languages. Plain language, drawn from PRODUCT.md."""

THEMES = [
    {
        "slug": "anti-corruption",
        "en": (
            "Anti-corruption",
            "Beneficial ownership, open contracting, lobbying, political finance and asset disclosure.",
        ),
        "fr": (
            "Lutte contre la corruption",
            "Bénéficiaires effectifs, contrats ouverts, lobbying, financement politique et déclaration de patrimoine.",
        ),
        "es": (
            "Lucha contra la corrupción",
            "Beneficiarios finales, contrataciones abiertas, cabildeo, financiamiento político y declaraciones patrimoniales.",
        ),
    },
    {
        "slug": "digital-governance",
        "en": (
            "Digital governance and technology",
            "Using data and technology in ways that serve people and respect their rights.",
        ),
        "fr": (
            "Gouvernance numérique et technologie",
            "Mettre les données et la technologie au service des personnes, dans le respect de leurs droits.",
        ),
        "es": (
            "Gobernanza digital y tecnología",
            "Usar los datos y la tecnología al servicio de las personas y con respeto de sus derechos.",
        ),
    },
    {
        "slug": "climate-action",
        "en": (
            "Climate action",
            "Open, accountable climate policy and public participation in the energy transition.",
        ),
        "fr": (
            "Action climatique",
            "Des politiques climatiques ouvertes et redevables, et la participation du public à la transition énergétique.",
        ),
        "es": (
            "Acción climática",
            "Políticas climáticas abiertas y con rendición de cuentas, y participación ciudadana en la transición energética.",
        ),
    },
    {
        "slug": "justice",
        "en": (
            "Legal empowerment and access to justice",
            "Helping people know, use and shape the law.",
        ),
        "fr": (
            "Autonomisation juridique et accès à la justice",
            "Aider chacun à connaître, utiliser et faire évoluer le droit.",
        ),
        "es": (
            "Empoderamiento jurídico y acceso a la justicia",
            "Ayudar a las personas a conocer, usar y transformar el derecho.",
        ),
    },
    {
        "slug": "civic-space",
        "en": (
            "Civic space and democratic freedoms",
            "Protecting the freedoms of expression, association and assembly.",
        ),
        "fr": (
            "Espace civique et libertés démocratiques",
            "Protéger les libertés d’expression, d’association et de réunion.",
        ),
        "es": (
            "Espacio cívico y libertades democráticas",
            "Proteger las libertades de expresión, asociación y reunión.",
        ),
    },
    {
        "slug": "participation-inclusion",
        "en": (
            "Public participation and inclusion",
            "Gender, youth and marginalised communities at the heart of decisions.",
        ),
        "fr": (
            "Participation publique et inclusion",
            "Le genre, la jeunesse et les communautés marginalisées au cœur des décisions.",
        ),
        "es": (
            "Participación pública e inclusión",
            "Género, juventud y comunidades marginadas en el centro de las decisiones.",
        ),
    },
    {
        "slug": "access-to-information",
        "en": (
            "Access to information",
            "The right to know, and the laws and practices that make it real.",
        ),
        "fr": (
            "Accès à l’information",
            "Le droit de savoir, et les lois et pratiques qui le rendent effectif.",
        ),
        "es": (
            "Acceso a la información",
            "El derecho a saber, y las leyes y prácticas que lo hacen realidad.",
        ),
    },
    {
        "slug": "fiscal-openness",
        "en": (
            "Fiscal openness",
            "Open budgets, public spending people can follow, and fair taxation.",
        ),
        "fr": (
            "Ouverture budgétaire",
            "Des budgets ouverts, des dépenses publiques lisibles et une fiscalité juste.",
        ),
        "es": (
            "Apertura fiscal",
            "Presupuestos abiertos, gasto público comprensible y una fiscalidad justa.",
        ),
    },
    {
        "slug": "public-services",
        "en": (
            "Public services",
            "Health, education, water and other services that answer to the people who use them.",
        ),
        "fr": (
            "Services publics",
            "Santé, éducation, eau et autres services qui rendent compte à celles et ceux qui les utilisent.",
        ),
        "es": (
            "Servicios públicos",
            "Salud, educación, agua y otros servicios que rinden cuentas a quienes los usan.",
        ),
    },
]

SITE = {
    "en": {
        "tagline": "A home for open-government reformers",
        "footer_text": "We connect reformers in government and civil society who learn from each other across countries and sectors.",
        "address": "OpenGov Collective\nWashington, DC",
    },
    "fr": {
        "tagline": "La maison des réformateur·rices du gouvernement ouvert",
        "footer_text": "Nous relions les réformateur·rices du gouvernement et de la société civile qui apprennent les un·es des autres, d’un pays et d’un secteur à l’autre.",
        "address": "OpenGov Collective\nWashington, DC",
    },
    "es": {
        "tagline": "El hogar de quienes impulsan el gobierno abierto",
        "footer_text": "Conectamos a personas reformistas del gobierno y de la sociedad civil que aprenden unas de otras entre países y sectores.",
        "address": "OpenGov Collective\nWashington, DC",
    },
}

HOME = {
    "en": {
        "title": "Home",
        "hero_heading": "Reformers learning from each other, across borders and sectors",
        "hero_text": "OpenGov Collective is where ministers, mayors, civil servants, activists, journalists and researchers meet, learn and act together for open government.",
        "join": "Join the community",
        "explore": "About the collective",
        "themes_heading": "What we work on",
        "themes_intro": "Nine themes tie our stories, events, cohorts and awards together.",
        "cta_heading": "Lasting reform is a team effort",
        "cta_text": "Create a free account to keep a profile, find peers who face the same challenges, register for events and apply to leadership cohorts.",
        "cta_button": "Create your account",
        "text_heading": "How the collective works",
        "text_body": "<p>Members decide who sees their profile. Some of us work where civic space is shrinking, so privacy comes first: nothing personal is shown beyond what each member chooses.</p><p>Everything here exists in English, French and Spanish.</p>",
        "featured_heading": "Start here",
    },
    "fr": {
        "title": "Accueil",
        "hero_heading": "Des réformateur·rices qui apprennent les un·es des autres, au-delà des frontières et des secteurs",
        "hero_text": "OpenGov Collective réunit ministres, maires, fonctionnaires, militant·es, journalistes et chercheur·ses pour apprendre et agir ensemble en faveur du gouvernement ouvert.",
        "join": "Rejoindre la communauté",
        "explore": "À propos du collectif",
        "themes_heading": "Nos thèmes de travail",
        "themes_intro": "Neuf thèmes relient nos récits, événements, cohortes et prix.",
        "cta_heading": "Une réforme durable est un travail d’équipe",
        "cta_text": "Créez un compte gratuit pour tenir votre profil à jour, trouver des pairs confrontés aux mêmes défis, vous inscrire aux événements et candidater aux cohortes de leadership.",
        "cta_button": "Créer votre compte",
        "text_heading": "Comment fonctionne le collectif",
        "text_body": "<p>Chaque membre décide qui voit son profil. Certain·es d’entre nous travaillent là où l’espace civique se réduit : la confidentialité passe donc en premier, et rien de personnel n’est affiché au-delà de ce que chacun·e choisit.</p><p>Tout ici existe en anglais, en français et en espagnol.</p>",
        "featured_heading": "Pour commencer",
    },
    "es": {
        "title": "Inicio",
        "hero_heading": "Personas reformistas que aprenden unas de otras, más allá de fronteras y sectores",
        "hero_text": "OpenGov Collective reúne a ministras, alcaldes, funcionariado, activistas, periodistas e investigadoras para aprender y actuar juntos por el gobierno abierto.",
        "join": "Únete a la comunidad",
        "explore": "Sobre el colectivo",
        "themes_heading": "Nuestros temas",
        "themes_intro": "Nueve temas conectan nuestras historias, eventos, cohortes y premios.",
        "cta_heading": "Una reforma duradera es un trabajo en equipo",
        "cta_text": "Crea una cuenta gratuita para mantener tu perfil, encontrar pares que enfrentan los mismos retos, inscribirte en eventos y postularte a las cohortes de liderazgo.",
        "cta_button": "Crea tu cuenta",
        "text_heading": "Cómo funciona el colectivo",
        "text_body": "<p>Cada miembro decide quién ve su perfil. Algunas personas trabajamos donde el espacio cívico se reduce, por eso la privacidad es lo primero: no se muestra nada personal más allá de lo que cada quien elige.</p><p>Todo aquí existe en inglés, francés y español.</p>",
        "featured_heading": "Para empezar",
    },
}

PAGES = [
    {
        "slug": "about",
        "en": (
            "About the collective",
            "OpenGov Collective is a community and leadership programme for people who make government more open, accountable and responsive.",
            "<p>We grew out of the Open Government Partnership’s 2023–2028 strategy, which bets that lasting reform comes from a growing, connected movement of reformers inside and outside government.</p><p>We run leadership cohorts, keep an alumni network connected, hold events from webinars to the Global Summit, and recognise reformers through awards.</p>",
        ),
        "fr": (
            "À propos du collectif",
            "OpenGov Collective est une communauté et un programme de leadership pour les personnes qui rendent l’action publique plus ouverte, redevable et à l’écoute.",
            "<p>Nous sommes né·es de la stratégie 2023–2028 du Partenariat pour un gouvernement ouvert, qui mise sur un mouvement croissant et connecté de réformateur·rices, au sein et en dehors des gouvernements.</p><p>Nous animons des cohortes de leadership, faisons vivre un réseau d’ancien·nes, organisons des événements, du webinaire au Sommet mondial, et distinguons des réformateur·rices par des prix.</p>",
        ),
        "es": (
            "Sobre el colectivo",
            "OpenGov Collective es una comunidad y un programa de liderazgo para quienes hacen que el gobierno sea más abierto, responsable y receptivo.",
            "<p>Nacimos de la estrategia 2023–2028 de la Alianza para el Gobierno Abierto, que apuesta por un movimiento creciente y conectado de personas reformistas dentro y fuera del gobierno.</p><p>Organizamos cohortes de liderazgo, mantenemos conectada una red de egresados, realizamos eventos desde seminarios web hasta la Cumbre Global y reconocemos a reformistas con premios.</p>",
        ),
    },
    {
        "slug": "privacy",
        "en": (
            "Privacy",
            "How we protect members and what we do with your data.",
            "<p>You choose who sees your profile: everyone, members only, your connections only, or nobody. Your email address is never shown to other members.</p><p>You can download everything we hold about you, and delete your account at any time.</p>",
        ),
        "fr": (
            "Confidentialité",
            "Comment nous protégeons les membres et ce que nous faisons de vos données.",
            "<p>Vous choisissez qui voit votre profil : tout le monde, les membres seulement, vos contacts seulement, ou personne. Votre adresse électronique n’est jamais montrée aux autres membres.</p><p>Vous pouvez télécharger tout ce que nous détenons à votre sujet et supprimer votre compte à tout moment.</p>",
        ),
        "es": (
            "Privacidad",
            "Cómo protegemos a las personas miembro y qué hacemos con tus datos.",
            "<p>Tú eliges quién ve tu perfil: todo el mundo, solo miembros, solo tus contactos o nadie. Tu dirección de correo nunca se muestra a otras personas miembro.</p><p>Puedes descargar todo lo que guardamos sobre ti y eliminar tu cuenta en cualquier momento.</p>",
        ),
    },
]

MEMBERS = [
    ("amina.diallo@example.org", "Amina Diallo", "fr"),
    ("lucia.fernandez@example.org", "Lucía Fernández", "es"),
    ("james.okoro@example.org", "James Okoro", "en"),
    ("mei.tanaka@example.org", "Mei Tanaka", "en"),
    ("sofia.rossi@example.org", "Sofia Rossi", "en"),
]
