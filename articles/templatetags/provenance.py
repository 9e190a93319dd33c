from django import template

register = template.Library()


@register.filter
def title_repeats_text(claim) -> bool:
    """True when the claim's title is only the opening words of its text.

    The importer titles an untitled bullet with its first words ("Large callback graphs take
    planning…"); showing both would print the same sentence twice.
    """
    title = claim.title.rstrip("….: ").strip().lower()
    return bool(title) and claim.text.strip().lower().startswith(title)
