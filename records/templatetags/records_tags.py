"""The official documents of a session, as the session and minutes pages list them."""

from django import template

from records.models import OfficialDocument

register = template.Library()


@register.inclusion_tag("records/_documents.html")
def official_documents(session, user):
    """The documents of the session this user may download, the current version first."""
    documents = list(
        OfficialDocument.objects.visible_to(user)
        .filter(session=session)
        .select_related("presentation")
        .order_by("-version", "kind", "presentation__order")
    )
    current = [d for d in documents if d.is_current]
    return {
        "current": current,
        "per_participant": sum(1 for d in current if d.presentation_id),
        "earlier": [d for d in documents if not d.is_current],
        "session": session,
    }
