"""``lumbar lift``: the revised NIOSH lifting equation for one lift, term by term."""

from __future__ import annotations

import argparse

from lumbar.cli._parser import COUPLINGS, add_format
from lumbar.cli._streams import Streams

HELP = {
    "lift": (
        "the NIOSH lifting equation: recommended weight limit and lifting index",
        "Describe one lift with the options below (metric, as lumbar.Lift) and print each "
        "multiplier of the revised NIOSH equation, the recommended weight limit and, "
        "with --load-kg, the lifting index.",
    )
}

_FIELDS = (
    ("--horizontal-cm", "H: from the midpoint between the ankles to the hands, along the floor"),
    ("--vertical-cm", "V: height of the hands above the floor"),
    ("--distance-cm", "D: vertical travel of the load"),
    ("--asymmetry-deg", "A: angle of the load from straight ahead, 0-180"),
    ("--frequency-per-min", "F: average lifts a minute over 15 minutes"),
    ("--duration-hours", "how long the lifting goes on, up to 8 hours"),
)


def _lift_options(lift: argparse.ArgumentParser) -> None:
    group = lift.add_argument_group("the lift (lumbar.Lift's fields)")
    for option, text in _FIELDS:
        group.add_argument(option, type=float, required=True, metavar="N", help=text)
    group.add_argument("--coupling", choices=COUPLINGS, required=True, help="how good the grip is")
    group.add_argument(
        "--origin-vertical-cm",
        type=float,
        metavar="N",
        help="only when the lift described is the destination: V at the origin",
    )
    lift.add_argument("--load-kg", type=float, metavar="KG", help="the load, for the lifting index")
    add_format(lift)


OPTIONS = {"lift": _lift_options}

_TERMS = (
    ("lc_kg", "LC", "load constant"),
    ("hm", "HM", "horizontal multiplier"),
    ("vm", "VM", "vertical multiplier"),
    ("dm", "DM", "distance multiplier"),
    ("am", "AM", "asymmetry multiplier"),
    ("fm", "FM", "frequency multiplier"),
    ("cm", "CM", "coupling multiplier"),
)


def _lift(arguments: argparse.Namespace, streams: Streams) -> int:
    import math

    from lumbar.safety._lifting import Coupling, Lift, lifting_index, lifting_multipliers

    lift = Lift(
        horizontal_cm=arguments.horizontal_cm,
        vertical_cm=arguments.vertical_cm,
        distance_cm=arguments.distance_cm,
        asymmetry_deg=arguments.asymmetry_deg,
        frequency_per_min=arguments.frequency_per_min,
        duration_hours=arguments.duration_hours,
        coupling=Coupling(arguments.coupling),
        origin_vertical_cm=arguments.origin_vertical_cm,
    )
    terms = lifting_multipliers(lift)
    index = None if arguments.load_kg is None else lifting_index(lift, arguments.load_kg)
    if arguments.format == "json":
        import json

        from lumbar.formats._json import to_dict

        document = {
            "lift": to_dict(lift),
            "multipliers": {name: getattr(terms, name) for name, _, _ in _TERMS},
            "recommended_weight_limit_kg": terms.rwl_kg,
            "load_kg": arguments.load_kg,
            # JSON has no infinity: a limit of 0 kg gives no index, and zero_reasons says why.
            "lifting_index": None if index is None or math.isinf(index) else index,
            "zero_reasons": list(terms.zero_reasons),
            "references": ["waters-1993-ergonomics", "niosh-1994-manual"],
        }
        streams.document(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return 0
    streams.out("Revised NIOSH lifting equation (metric):", bold=True)
    for name, symbol, text in _TERMS:
        value = getattr(terms, name)
        shown = f"{value:.1f} kg" if name == "lc_kg" else f"{value:.3f}"
        streams.out(f"  {symbol}  {text:<22} {shown}")
    streams.out(f"Recommended weight limit: {terms.rwl_kg:.1f} kg")
    for reason in terms.zero_reasons:
        streams.out(f"  - {reason}")
    if index is not None:
        verdict = (
            "at or under 1.0, the design goal"
            if index <= 1
            else "over 1.0: the task carries a raised risk for some workers and should change"
        )
        shown = "infinite" if math.isinf(index) else f"{index:.2f}"
        streams.out(f"Lifting index for {arguments.load_kg:g} kg: {shown}, {verdict}.")
    streams.out("Sources: waters-1993-ergonomics, niosh-1994-manual.")
    return 0


RUN = {"lift": _lift}
