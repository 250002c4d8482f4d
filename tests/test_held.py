"""A process-wide setting held while work runs, counted across threads (``_held.Held``)."""

from __future__ import annotations

import contextlib
import gc
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enforcement_core import _fast_json, _held


class _Setting:
    """A process-wide setting: its value, and how often it was changed and put back."""

    def __init__(self, changes: bool = True) -> None:
        self.value, self.changes, self.put_back, self._changes = "own", 0, 0, changes

    def change(self) -> object:
        if not self._changes:
            return None
        self.value, self.changes = "changed", self.changes + 1

        def undo() -> None:
            self.value, self.put_back = "own", self.put_back + 1

        return undo


@given(st.lists(st.booleans(), max_size=30))
def test_a_held_setting_is_changed_once_and_put_back_when_the_last_holder_ends(
    steps: list[bool],
) -> None:
    """Holders entering (True) and leaving (False) in any order: changed while any holds it, else its own."""
    setting = _Setting()
    held = _held.Held(setting.change)
    holding: list[contextlib.ExitStack] = []
    rises = 0
    for enter in steps:
        if enter:
            rises += not holding
            stack = contextlib.ExitStack()
            stack.enter_context(held.held())
            holding.append(stack)
        elif holding:
            # Not the last to enter: holders on other threads end in any order.
            holding.pop(0).close()
        assert len(holding) == held.holders
        assert ("changed" if holding else "own") == setting.value
        assert bool(holding) == held.changed
    for stack in holding:
        stack.close()
    assert "own" == setting.value
    assert rises == setting.changes == setting.put_back


def test_a_held_setting_that_changes_nothing_puts_nothing_back() -> None:
    setting = _Setting(changes=False)
    held = _held.Held(setting.change)
    with held.held(), held.held():
        assert 2 == held.holders
        assert not held.changed
    assert (0, 0, "own") == (setting.changes, setting.put_back, setting.value)


def test_a_held_setting_is_put_back_when_the_block_raises() -> None:
    setting = _Setting()
    held = _held.Held(setting.change)
    with pytest.raises(ValueError, match="bad cell"), held.held():
        raise ValueError("bad cell")
    assert (0, 1, "own") == (held.holders, setting.put_back, setting.value)


def test_the_collector_is_paused_until_the_last_build_ends() -> None:
    """Two builds on two threads, ending in either order: on again only when both have ended."""
    assert gc.isenabled()
    first, second = _fast_json.collector_paused(), _fast_json.collector_paused()
    first.__enter__()
    done = threading.Event()

    def other() -> None:
        with second:
            done.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the other build still runs
    done.set()
    thread.join()
    assert gc.isenabled()


def test_a_collector_the_program_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with _fast_json.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
