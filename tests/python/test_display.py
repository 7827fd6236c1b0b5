"""How results show in Jupyter and with matplotlib: the project's SVG pictures, HTML tables,
and plots that draw the numbers of the results (checked on the artists)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import treatysim as ts  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_trace_plot_draws_every_offers_utilities(sta):
    tr = ts.run(sta, seed=1)
    ax = tr.plot()
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["u(us)", "u(cn)"]
    offers = tr.events[tr.events["type"] == "offer"]
    assert list(lines[0].get_ydata()) == list(offers["utility_us"])
    assert list(lines[1].get_xdata()) == list(offers["offer"])


def test_analysis_plot_marks_the_frontier_and_solutions(sta):
    an = ts.analyze(sta)
    ax = an.plot()
    frontier = [line for line in ax.get_lines() if line.get_label() == "Pareto frontier"][0]
    assert len(frontier.get_xdata()) == len(an.frontier)
    labels = {c.get_label() for c in ax.collections}
    assert {"outcomes", "nash", "kalai_smorodinsky", "egalitarian", "utilitarian"} <= labels


def test_lifecycle_and_evolution_plots(sta):
    life = ts.simulate(sta, years=6)
    axes = life.plot()
    assert len(axes[0].get_lines()) == 2
    assert list(axes[0].get_lines()[0].get_ydata()) == list(life.months["trust_us"])
    ev = ts.evolve("configs/tournaments/hawk-dove.toml", runs=20)
    axes = ev.plot()
    assert len(axes[0].get_lines()) == 2


def test_rich_display(sta):
    assert "<svg" in ts.analyze(sta)._repr_svg_()
    assert "<svg" in ts.run(sta)._repr_svg_()
    life = ts.simulate(sta)
    assert "in_force" in life._repr_html_()
    d = ts.simulate(sta, runs=10)
    assert "<table>" in d._repr_html_()
    ev = ts.evolve("configs/tournaments/rock-paper-scissors.toml", runs=20)
    assert "<table>" in ev._repr_html_()


def test_progress_bar_reaches_the_total(capsys):
    ts.simulate("configs/sta-2024.toml", runs=20, progress=True)
    err = capsys.readouterr().err
    # tqdm draws on stderr (leave=False clears it at the end, but it was drawn).
    assert "simulating runs" in err
