def lang_env(records):
    """Environment in the language stored names are written in: the context's, else the user's (an
    install runs without a language in its context; the users of a Chinese center read Chinese)."""
    return records.with_context(lang=records.env.context.get("lang") or records.env.user.lang or "en_US").env
