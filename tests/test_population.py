"""The population of every cluster region is the sum of its districts in the Destatis register, built
into the project by `python -m geodata.build_population`; per-capita indicators divide by it."""

from __future__ import annotations

import pytest

import geodata
from clusters.dataset import Population
from clusters.metrics import PER_INHABITANTS, listed_per_inhabitants, members_per_inhabitants, per_inhabitants
from clusters.records.model import Figure, Qualifier, SourceRef
from clusters.regions import population_districts
from geodata.build_population import DEFAULT_SRC, district_rows, population_csv
from geodata.population import POPULATION_FILE, REFERENCE_DATE, district_population, population_of


def test_the_register_holds_every_district_with_the_documented_totals():
    counts = district_population()
    # Figures the register's SOURCE.md verifies for 31.12.2023.
    assert len(counts) == 400 and sum(counts.values()) == 84_669_326
    assert counts["09162"] == 1_510_378 and counts["11000"] == 3_782_202 and counts["16063"] == 159_201
    # The 2021 boundaries still draw Eisenach (16056) apart; the register has merged it into the Wartburgkreis.
    assert set(geodata.districts()) - set(counts) == {"16056"}


@pytest.mark.skipif(not DEFAULT_SRC.is_file(), reason="the Destatis original lies outside the repository")
def test_the_shipped_file_is_what_the_build_makes_of_the_register():
    assert population_csv(district_rows(DEFAULT_SRC)) == POPULATION_FILE.read_text(encoding="utf-8")


def test_every_region_population_is_the_sum_of_its_districts(dataset):
    counts = district_population()
    for cluster_id, region in dataset.regions.items():
        population = dataset.region_population(cluster_id)
        assert population is not None, cluster_id
        assert population.inhabitants == sum(counts[code] for code in population_districts(region)), cluster_id
        assert population.date == REFERENCE_DATE
    # Whole states: Hamburg and Schleswig-Holstein for Life Science Nord.
    hamburg_and_sh = sum(v for k, v in counts.items() if k[:2] in ("01", "02"))
    assert dataset.region_population("life-science-nord").inhabitants == hamburg_and_sh


def test_a_region_with_a_district_the_register_lacks_has_no_population():
    assert population_of(frozenset({"09162", "99999"})) is None and population_of(frozenset()) is None


def test_per_capita_keeps_bounds_and_years():
    population = Population(2_000_000, REFERENCE_DATE)

    members = Figure(value=250, qualifier=Qualifier.MORE_THAN, year=2022, source=SourceRef(file="f", section="s"))
    result = per_inhabitants(members, population, "actors")
    assert result.value == pytest.approx(250 / 2_000_000 * PER_INHABITANTS) and result.qualifier is Qualifier.MORE_THAN
    assert result.years == (2022, 2023)
    assert not per_inhabitants(members, None, "actors").known


def test_members_per_inhabitants_only_where_the_figure_counts_members(synthetic):
    alpha, gamma = synthetic.clusters["alpha-bio"], synthetic.clusters["gamma-med"]
    assert members_per_inhabitants(alpha, synthetic).known
    assert members_per_inhabitants(gamma, synthetic).reason.code == "not_members"
    listed = listed_per_inhabitants(alpha, synthetic)
    population = synthetic.region_population("alpha-bio").inhabitants
    assert listed.value == pytest.approx(
        sum(synthetic.region_counts("alpha-bio").values()) / population * PER_INHABITANTS
    )
