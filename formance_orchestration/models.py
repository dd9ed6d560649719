"""The API's data types, one attrs class per schema of the OpenAPI document (``models.V2Workflow``, ...).

Attributes are snake_case; the JSON names are camelCase. Optional attributes default to ``None``, and ``None`` is
never sent. Enums accept values added by newer servers (see :class:`OpenEnum`). The classes are generated from the
document into ``formance_orchestration._generated.models``; this module is their public home.
"""

# Every model's JSON encoder (``to_dict()``, request bodies) is registered by the generated codec when it loads.
from ._generated import codec as _codec  # noqa: F401
from ._generated.models import *  # noqa: F403
from ._generated.models import __all__ as __all__
