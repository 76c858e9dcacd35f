"""Writes the example data sets of docs/cli.md as CSV, from scikit-learn's
bundled copies (no download, no pandas): iris (150 flowers, 4 measurements, 3
species) split 80/20 into iris-train.csv and iris-test.csv (stratified, seed 0),
iris-new.csv (six test rows without the species, for predict), and diabetes
(442 patients, 10 raw measurements, disease progression a year later: a
regression target) split 80/20 into diabetes-train.csv and diabetes-test.csv.

    python3 examples/data/make-data.py   # needs scikit-learn
"""
import csv
from pathlib import Path

from sklearn.datasets import load_diabetes, load_iris
from sklearn.model_selection import train_test_split

here = Path(__file__).parent


def write(name, header, rows):
    with open(here / name, 'w', newline='') as file:
        writer = csv.writer(file, lineterminator='\n')
        writer.writerow(header)
        writer.writerows(rows)


iris = load_iris()
features = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']
# The species by name, first: a text target that is not the last column.
rows = [[iris.target_names[t], *(f'{v:g}' for v in x)] for x, t in zip(iris.data, iris.target)]
train, test = train_test_split(rows, test_size=0.2, stratify=iris.target, random_state=0)
write('iris-train.csv', ['species', *features], train)
write('iris-test.csv', ['species', *features], test)
write('iris-new.csv', features, [row[1:] for row in test[:6]])

diabetes = load_diabetes(scaled=False)
names = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']
rows = [[*(f'{v:g}' for v in x), f'{y:g}'] for x, y in zip(diabetes.data, diabetes.target)]
train, test = train_test_split(rows, test_size=0.2, random_state=0)
write('diabetes-train.csv', [*names, 'progression'], train)
write('diabetes-test.csv', [*names, 'progression'], test)
