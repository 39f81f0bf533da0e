"""Fictional Indonesian names and valid NIPs for the demo people.

Given names are common Indonesian names; family names are coloured by region. Any match
with a real person is a coincidence.
"""

import datetime
import random
from dataclasses import dataclass

MALE = 1
FEMALE = 2

GIVEN = {
    MALE: [
        "Ahmad",
        "Muhammad",
        "Abdul",
        "Syamsul",
        "Arifin",
        "Rahmat",
        "Zainal",
        "Ridwan",
        "Fadli",
        "Irwan",
        "Hendra",
        "Yusuf",
        "Hasan",
        "Agus",
        "Darmawan",
        "Ismail",
        "Hamzah",
        "Iskandar",
        "Bahtiar",
        "Arman",
        "Rusdi",
        "Sudirman",
        "Andi Muhammad",
        "Haerul",
        "Nasrullah",
        "Taufik",
    ],
    FEMALE: [
        "Siti",
        "Nurhayati",
        "Hasnawati",
        "Rosmiati",
        "Nurjannah",
        "Fitriani",
        "Wahyuni",
        "Ratna",
        "Sri",
        "Dewi",
        "Herlina",
        "Yuliana",
        "Marlina",
        "Kartini",
        "Andi Nurul",
        "Fatmawati",
        "Rahmawati",
        "Suriani",
        "Asniar",
    ],
}
GIVEN_EAST = {
    MALE: ["Yohanis", "Frans", "Markus", "Samuel", "Yakob", "Daniel", "Petrus", "Otto", "Hendrik", "Roni"],
    FEMALE: ["Maria", "Sarah", "Agustina", "Yosina", "Ribka", "Debora", "Selvi", "Naomi"],
}
FAMILY = {
    "72": ["Lasahido", "Mardjun", "Lapasere", "Tanra", "Labadjo", "Masyhur", "Dg. Malino", "Ladjalani"],
    "73": ["Makkasau", "Pabittei", "Rasyid", "Latief", "Mappiasse", "Tahir", "Pananrangi", "Sulaiman", "Baso"],
    "74": ["Latambaga", "Halu", "Tosuro", "Sabara", "Lasaeha", "Bolu", "Wa Ode Saleh", "Lakaba"],
    "75": ["Mohi", "Pakaya", "Hulopi", "Bumulo", "Dai", "Lamusu", "Tuli", "Hasiru"],
    "76": ["Pattana", "Bassi", "Lakatta", "Maradia", "Puang Sawa", "Mandawari", "Tammalele"],
    "82": ["Kaunar", "Pelu", "Sangaji", "Badar", "Umasugi", "Hamisi", "Taher", "Syamsudin"],
    "92": ["Mandacan", "Wonggor", "Rumbiak", "Kambu", "Mansim", "Saiba", "Indouw", "Rumfabe"],
}
EAST = {"92"}


@dataclass(frozen=True)
class Person:
    full_name: str
    sex: int


class NameMaker:
    """Draw unique names from the pools with a seeded random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def person(self, province: str, sex: int | None = None) -> Person:
        sex = sex or self.rng.choice([MALE, MALE, FEMALE])
        pools = GIVEN_EAST if province in EAST else GIVEN
        for _ in range(200):
            name = f"{self.rng.choice(pools[sex])} {self.rng.choice(FAMILY[province])}"
            if name not in self.used:
                self.used.add(name)
                return Person(name, sex)
        raise RuntimeError(f"name pool for {province} exhausted")


class NipMaker:
    """Valid, unique NIPs: birth 1968–1985, service start at 22–30 years of age."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def nip(self, sex: int) -> str:
        rng = self.rng
        while True:
            birth = datetime.date(1968, 1, 1) + datetime.timedelta(days=rng.randrange(18 * 365))
            months_of_age = rng.randrange(22 * 12 + 1, 30 * 12)
            year, month = divmod(birth.year * 12 + birth.month - 1 + months_of_age, 12)
            digits = f"{birth:%Y%m%d}{year:04d}{month + 1:02d}{sex}{rng.randrange(1, 1000):03d}"
            if digits not in self.used:
                self.used.add(digits)
                return digits


def slug(full_name: str) -> str:
    return "".join(ch for ch in full_name.lower().replace(" ", ".") if ch.isalnum() or ch == ".")
