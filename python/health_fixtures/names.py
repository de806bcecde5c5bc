"""Small word lists for synthetic names (no real people or companies)."""
import numpy as np

FIRST = np.array("""Ava Ben Chloe Dan Elena Farid Grace Hugo Iris Jonas Kira Liam Maya Noah Olga Priya
Quinn Rosa Sam Tara Umar Vera Wes Xia Yusuf Zoe Amir Bea Carl Dina Emil Fay Gus Hana Ivan Jade Kofi
Lena Marc Nina Omar Pia Raj Sara Theo Uma Vik Wen Yara""".split())
LAST = np.array("""Adams Brandt Chen Diaz Evans Fischer Garcia Haddad Ito Jensen Kowalski Lopez Moreau
Nakamura Okafor Petrov Quint Rossi Silva Tanaka Umeh Varga Weber Xu Yilmaz Zhang Novak Berg Costa
Dubois Eriksen Fontaine Gupta Horvat Ivanova Jovanovic Kim Larsen Mensah Nilsen""".split())
WORD_A = np.array("""Acme Blue Cobalt Delta Ember Fjord Granite Harbor Iron Juniper Keystone Lumen Maple
Nimbus Orbit Pine Quartz River Summit Tidal Umber Vertex Willow Zenith Atlas Beacon Cedar Drift""".split())
WORD_B = np.array("""Labs Systems Logistics Health Foods Capital Retail Media Works Robotics Energy Bank
Analytics Studio Freight Partners Dynamics Networks Clinics Supply""".split())
SUFFIX = np.array(["Inc", "Ltd", "GmbH", "LLC", "Co", "AG", "SA", "BV"])
INDUSTRIES = np.array(["software", "financial_services", "healthcare", "retail", "manufacturing",
                       "logistics", "media", "education", "energy", "professional_services"])
COUNTRIES = np.array(["US", "US", "US", "GB", "DE", "FR", "NL", "CA", "AU", "JP", "BR", "IN", "SE"])
REGION_OF = {"US": "NA", "CA": "NA", "BR": "LATAM", "GB": "EMEA", "DE": "EMEA", "FR": "EMEA",
             "NL": "EMEA", "SE": "EMEA", "AU": "APAC", "JP": "APAC", "IN": "APAC"}


def people(rng: np.random.Generator, k: int) -> tuple[np.ndarray, np.ndarray]:
    return FIRST[rng.integers(0, len(FIRST), k)], LAST[rng.integers(0, len(LAST), k)]


def slug(s: np.ndarray) -> np.ndarray:
    return np.char.lower(np.char.replace(np.char.replace(s.astype(str), " ", ""), ".", ""))
