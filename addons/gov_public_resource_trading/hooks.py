def post_init_hook(env):
    """The website duplicates the announcements menu for every website before the translations are
    loaded: give the copies the translated name of the original."""
    menu = env.ref("gov_public_resource_trading.menu_website_trading", raise_if_not_found=False)
    if menu:
        env.flush_all()
        env.cr.execute("""UPDATE website_menu SET name = (SELECT name FROM website_menu WHERE id = %s)
                           WHERE url = '/trading' AND id != %s""", [menu.id, menu.id])
        env["website.menu"].invalidate_model(["name"])


def uninstall_hook(env):
    """Drop the trigger guarding the trading log (its table goes with the module)."""
    from .models.gov_trading_log import drop_guard

    drop_guard(env.cr)
