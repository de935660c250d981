"""What the resource work registers with the kernel (search, sitemaps, me, themes...)."""


def connect() -> None:
    pass
