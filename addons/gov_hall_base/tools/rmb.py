import cn2an


def amount_to_rmb_upper(amount):
    """Return ``amount`` in RMB capitals as printed on Chinese receipts: 100 -> 壹佰元整."""
    amount = round(float(amount or 0.0), 2)
    if amount < 0:
        return "负" + amount_to_rmb_upper(-amount)
    if amount == 0:
        return "零元整"
    return cn2an.an2cn(f"{amount:.2f}", "rmb")
