"""The 17 steps of SOP-LP2N-KES-02 as django-fsm transitions: one method per decision.

Each transition is the one place that says everything about an action: its SOP step, the
role that takes it, its direction (forward, back, reject, note), its label, its outputs and
inputs, its effect (records and field updates, inside the transaction) and the documents it
produces (made by the task worker after commit; a signature before the transaction opens).
`actions.py` reads these to serve the API and the pages; `services.take_action` is the only
caller. A `note` transition is logged without moving the application (target=None).

The transitions are kept by the phase of the SOP they belong to, and so are their effects:

| phase | steps | transitions | effects |
|---|---|---|---|
| front office | 3-6 | `steps_intake.py` | `effects_intake.py` |
| back office and technical agency | 7-10 | `steps_technical.py` | `effects_technical.py` |
| issuing the licence | 11-17 | `steps_issuing.py` | `effects_issuing.py` |
| supervision (section P) | any | `steps_supervision.py` | `effects.py` |
| only some permit types | 7, fee | `optional_steps.py` | `optional_steps.py` |

`effects.py` holds what an effect takes and returns, and the effects every phase shares.
"""

from .optional_steps import OptionalSteps
from .steps_intake import IntakeSteps
from .steps_issuing import IssuingSteps
from .steps_supervision import SupervisionSteps
from .steps_technical import TechnicalSteps


class ApplicationWorkflow(IntakeSteps, TechnicalSteps, IssuingSteps, SupervisionSteps, OptionalSteps):
    """The transitions of `models.WorkflowApplication` (a proxy of `applications.Application`):
    the SOP's steps 3-17 by phase, the supervisors' remarks, and the steps only some permit
    types have (`optional_steps.OptionalSteps`)."""
