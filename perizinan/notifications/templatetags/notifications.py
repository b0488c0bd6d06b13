from typing import Any

from django import template

from perizinan.notifications.selectors import for_application

register = template.Library()


@register.inclusion_tag("notifications/_delivery_log.html", takes_context=True)
def delivery_log(context: Any, app: Any) -> dict[str, Any]:
    """The messages about this application and their delivery status (on the application page)."""
    return {"rows": list(for_application(context["request"].user, app)[:30])}
