"""How the forms of these pages look: Bootstrap classes, aria-required and is-invalid."""

from django import forms


def decorate(form: forms.BaseForm) -> forms.BaseForm:
    """Bootstrap classes, aria-required and is-invalid on the widgets, after errors are known."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            base = "form-check-input"
        elif isinstance(widget, forms.Select):
            base = "form-select"
        else:
            base = "form-control"
        classes = [base]
        if form.is_bound and name in form.errors:
            classes.append("is-invalid")
        widget.attrs["class"] = " ".join(classes)
        if getattr(field, "ui_required", False) or field.required:
            widget.attrs["aria-required"] = "true"
    return form
