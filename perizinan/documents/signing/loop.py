"""pyHanko's synchronous API starts an event loop of its own (`asyncio.run`), which Python
refuses in a thread that already runs one (an async server, a notebook, Playwright's sync API
in the browser tests). There the call runs in a short-lived thread of its own instead of
failing; `check_pdf` would otherwise report a sound signature as broken."""

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def outside_any_loop[T](call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`call(*args, **kwargs)` here, or in a thread of its own when this thread runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pyhanko") as pool:
        return pool.submit(call, *args, **kwargs).result()
