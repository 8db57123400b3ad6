"""The package: type stubs cover every public name and option, and the examples run."""
import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import clir

STUB = Path(clir.__file__).with_name("__init__.pyi")


def stub_tree():
    return ast.parse(STUB.read_text())


def stub_functions():
    """Every stubbed callable: a def, or a name annotated with a Protocol class (its __call__)."""
    body = stub_tree().body
    classes = {n.name: n for n in body if isinstance(n, ast.ClassDef)}
    out = {n.name: n for n in body if isinstance(n, ast.FunctionDef)}
    for n in body:
        if isinstance(n, ast.AnnAssign) and isinstance(n.annotation, ast.Name) and n.annotation.id in classes:
            calls = [f for f in classes[n.annotation.id].body if isinstance(f, ast.FunctionDef) and f.name == "__call__"]
            if calls:
                out[n.target.id] = calls[0]
    return out


def test_every_public_name_has_a_stub():
    declared = set(stub_functions())
    for node in stub_tree().body:
        if isinstance(node, ast.ClassDef):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            declared.add(node.target.id)
    public = {name for name in dir(clir) if not name.startswith("_")}
    public -= {"annotations", "os", "Any", "Optional", "Union"}
    assert public - declared == set()


@pytest.mark.parametrize("function,options", [
    ("fasterpam", clir.KMEDOIDS_OPTIONS), ("alternating", clir.KMEDOIDS_OPTIONS), ("dynmsc", clir.KMEDOIDS_OPTIONS),
    ("score", clir.SCORING_OPTIONS), ("robustness", clir.ROBUSTNESS_OPTIONS)])
def test_stub_keywords_are_the_options(function, options):
    stub = stub_functions()[function]
    assert set(options) <= {a.arg for a in stub.args.kwonlyargs}


def test_installed_layout_is_a_package():
    here = Path(clir.__file__).parent
    assert (here / "py.typed").exists() and any(p.name.startswith("_clir") for p in here.iterdir())


@pytest.mark.parametrize("script,args", [("rerun_clir2024.py", ["--quick"]), ("sweep_dask.py", ["--quick"])])
def test_examples_run(source_dir, script, args):
    path = source_dir / "examples" / "python" / script
    out = subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True,
                         env=dict(os.environ, MPLBACKEND="Agg"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip()


def test_install_places_a_working_package_where_debians_python_looks(tmp_path):
    build, rel = os.environ.get("CLIR_BINARY_DIR"), os.environ.get("CLIR_PYTHON_INSTALL_DIR")
    if not build or not rel:
        pytest.skip("not run from CTest")
    # With the default prefix /usr/local (and with /usr) the install folder is on sys.path.
    paths = subprocess.run(["/usr/bin/python3", "-c", "import sys; print('\\n'.join(sys.path))"],
                           capture_output=True, text=True, check=True).stdout.split()
    assert os.path.join("/usr/local", rel) in paths
    prefix = tmp_path / "prefix"
    subprocess.run([os.environ.get("CMAKE_COMMAND", "cmake"), "--install", build, "--prefix", str(prefix),
                    "--component", "python"], check=True, capture_output=True)
    installed = prefix / rel / "clir"
    assert (installed / "__init__.pyi").exists() and (installed / "py.typed").exists()
    env = dict(os.environ, PYTHONPATH=str(prefix / rel))
    code = "import clir, numpy as np; print(clir.__file__); print(clir.fasterpam(np.arange(1.0, 11.0), 2).loss)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=tmp_path).stdout
    assert out.splitlines()[0].startswith(str(installed))
