"""What the app's list screens do with their one ``DataTable``: the highlighted row's key, and
moving the cursor by the vim keys. A mixin, so each screen's bindings name the same actions."""

from __future__ import annotations

from textual.widgets import DataTable


class TableKeys:
    """For a Screen holding one DataTable: ``selected_key`` and the cursor/top/bottom actions."""

    def _table(self) -> DataTable:
        return self.query_one(DataTable)  # type: ignore[attr-defined]

    def selected_key(self) -> str | None:
        table = self._table()
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_cursor(self, step: int) -> None:
        table = self._table()
        table.move_cursor(row=table.cursor_row + step)

    def action_top(self) -> None:
        self._table().move_cursor(row=0)

    def action_bottom(self) -> None:
        table = self._table()
        table.move_cursor(row=max(0, table.row_count - 1))
