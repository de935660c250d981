"""Scale data: thousands of members, events and stories on top of the demo site.

``manage.py seed_scale`` is the entry point; each module seeds one part with bulk inserts.
Every row has a deterministic identity (``scale-00001@scale.example.org``,
``scale-event-0001``), so a second run finds what exists and adds only the difference.
The bulk paths bypass the services on purpose: nobody is notified or emailed.
"""
