"""How results show: progress bars (tqdm when installed), HTML for Jupyter, matplotlib plots.

Only presentation lives here: every number shown comes from the engine (its JSON and CSV), and
the pictures are the engine's own SVG (charts/).
"""

from __future__ import annotations

import html
import sys

_PARTY_COLOURS = ("#2f6fdf", "#e8731a")  # the window's and the SVG pictures' party colours


def svg_html(svg: str) -> str:
    """An SVG document inline in HTML (without its XML declaration)."""
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2:]
    return f'<div style="max-width:100%">{svg}</div>'


def _interactive():
    try:
        if sys.stderr.isatty():
            return True
    except (AttributeError, ValueError):
        pass
    try:
        from IPython import get_ipython

        shell = get_ipython()
        return shell is not None and "IPKernelApp" in getattr(shell, "config", {})
    except ImportError:
        return False


class Progress:
    """A progress bar fed by the engine's counters: ``progress(done, total)``.

    ``progress`` argument of the long calls: None (a bar when tqdm is installed and the output is
    a terminal or a notebook), True (a bar whenever tqdm is installed), False (none), or your
    own callable ``f(done, total)``.
    """

    def __init__(self, option, description, unit):
        self.callback = None
        self.bar = None
        self.description = description
        self.unit = unit
        if callable(option) and not isinstance(option, bool):
            self.callback = option
        elif option is True or (option is None and _interactive()):
            try:
                import warnings

                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    from tqdm.auto import tqdm  # noqa: F401
                self._tqdm = tqdm
            except ImportError:
                self._tqdm = None
            if self._tqdm is not None:
                self.callback = self._update

    def _update(self, done, total):
        import warnings

        if self.bar is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.bar = self._tqdm(total=total or None, initial=done, desc=self.description,
                                      unit=self.unit, leave=False, dynamic_ncols=True)
        if total and self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def __call__(self):
        return self.callback

    def close(self):
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def html_table(frame, float_format="{:.3f}", max_rows=60) -> str:
    """A DataFrame as a compact HTML table (numbers with three decimals)."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for _, row in frame.head(max_rows).iterrows():
        cells = []
        for value in row:
            if isinstance(value, float):
                cells.append(f"<td>{float_format.format(value)}</td>")
            else:
                cells.append(f"<td>{html.escape(str(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = "" if len(frame) <= max_rows else f"<p>… {len(frame) - max_rows} more rows</p>"
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>{more}"


def heat_cell(value, low, high):
    """A table cell shaded from white (low) to the U.S. blue (high)."""
    if value is None or value != value:
        return "<td>-</td>"
    t = 0.0 if high <= low else (value - low) / (high - low)
    r = int(255 + (0x2F - 255) * t * 0.55)
    g = int(255 + (0x6F - 255) * t * 0.55)
    b = int(255 + (0xDF - 255) * t * 0.55)
    return f'<td style="background:#{r:02x}{g:02x}{b:02x}">{value:.3f}</td>'


def matplotlib_axes(ax, columns=1, figsize=(9, 4.5)):
    """``ax`` or a new figure's axes (matplotlib is needed: python3-matplotlib)."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as error:  # pragma: no cover - depends on the machine
        raise ImportError("plot() needs matplotlib (Debian: python3-matplotlib)") from error
    if ax is not None:
        return ax if columns == 1 else list(ax)
    _, axes = plt.subplots(1, columns, figsize=figsize)
    return axes if columns == 1 else list(axes)


def party_colour(index):
    return _PARTY_COLOURS[index % 2]
