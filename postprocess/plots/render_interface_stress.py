#!/usr/bin/python3
"""Renders the stress on the endplates under the implant's endcaps for chosen study cases, as PNG
pictures with one shared colour scale (so that cases can be compared side by side).

    /usr/bin/python3 postprocess/plots/render_interface_stress.py \
        results/endcap-modulus/cases/003 results/endcap-modulus/cases/017 \
        --load-case standing --output results/endcap-modulus/figures

For each case folder it reads the run's fields (<case>/[<load case>/]*.pvtu, point data
`stress` as 9 components and `von_mises`, cell data `region_id`) and the region names
(<case>/[<load case>/]summary.h5 /regions/name, index = region_id), keeps the regions matching
--regions (shell patterns; default the endplates the endcaps sit on), and draws their surface
coloured by --field: szz (axial stress sigma_zz, negative = compression, default), von_mises or
principal_3 (the most compressive principal stress), in MPa. Each picture is one journal column
wide at 300 dpi (1050 px). A case without fields or without matching regions is skipped with a
message. Coordinates: x anterior, y left, z cranial, mm.

Needs Debian's python3-vtk9, python3-h5py and python3-numpy, and xvfb-run (xvfb, xauth) when no
display can render: like render_construct.py it re-runs itself under `xvfb-run -a`.
"""

import argparse
import fnmatch
import glob
import os
import shutil
import subprocess
import sys

SYSTEM_PYTHON = "/usr/bin/python3"
FIELDS = {"szz": "axial stress $\\sigma_{zz}$", "von_mises": "von Mises stress",
          "principal_3": "min. principal stress"}
VIEWS = {"cranial": (0, 0, 1), "caudal": (0, 0, -1), "anterior": (1, 0, 0),
         "lateral": (0, 1, 0), "anterolateral": (1, 1, 0.6)}

_PROBE = """
import vtkmodules.vtkRenderingOpenGL2
from vtkmodules.vtkRenderingCore import vtkRenderWindow, vtkRenderer
w = vtkRenderWindow(); w.SetOffScreenRendering(1); w.AddRenderer(vtkRenderer())
w.SetSize(8, 8); w.Render(); print("ok")
"""


def ensure_python_and_display(width, height):
    """Re-runs with the system Python if VTK is missing, under xvfb-run if VTK cannot render."""
    script = os.path.abspath(__file__)
    try:
        import vtkmodules  # noqa: F401
        import h5py  # noqa: F401
    except ImportError:
        if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and \
                os.path.exists(SYSTEM_PYTHON):
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, script] + sys.argv[1:])
        sys.exit("render_interface_stress.py: needs python3-vtk9 and python3-h5py; run it with "
                 + SYSTEM_PYTHON)
    if os.environ.get("SPINEFE_RENDER_UNDER_XVFB"):
        return
    try:
        r = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                           timeout=120)
        if r.returncode == 0 and r.stdout.strip() == "ok":
            return
    except subprocess.TimeoutExpired:
        pass
    xvfb_run = shutil.which("xvfb-run")
    if not xvfb_run:
        sys.exit("render_interface_stress.py: VTK cannot render here and xvfb-run is missing; "
                 "install the Debian packages xvfb and xauth")
    env = dict(os.environ, SPINEFE_RENDER_UNDER_XVFB="1")
    screen = "-screen 0 %dx%dx24" % (max(width, 640), max(height, 480))
    os.execve(xvfb_run, [xvfb_run, "-a", "-s", screen, sys.executable, script] + sys.argv[1:],
              env)


def region_names(folder):
    import h5py
    path = os.path.join(folder, "summary.h5")
    if not os.path.exists(path):
        return None
    with h5py.File(path, "r") as h5:
        return [n.decode() if isinstance(n, bytes) else str(n) for n in h5["regions/name"][()]]


def extract(case, args):
    """(surface polydata with the scalar 'value', region names drawn) or None, with a message."""
    import numpy as np
    from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
    from vtkmodules.vtkFiltersCore import vtkThreshold, vtkAppendFilter
    from vtkmodules.vtkFiltersGeometry import vtkDataSetSurfaceFilter
    from vtkmodules.vtkIOXML import vtkXMLPUnstructuredGridReader
    folder = os.path.join(case, args.load_case) if args.load_case else case
    pvtus = sorted(glob.glob(os.path.join(folder, "*.pvtu")))
    names = region_names(folder)
    if not pvtus or names is None:
        print("render_interface_stress.py: skipping %s: no fields (*.pvtu) or summary.h5 in %s"
              % (case, folder))
        return None
    wanted = [p.strip() for p in args.regions.split(",") if p.strip()]
    ids = [i for i, n in enumerate(names) if any(fnmatch.fnmatchcase(n, p) for p in wanted)]
    if not ids:
        print("render_interface_stress.py: skipping %s: no region matches %s (regions: %s)"
              % (case, args.regions, ", ".join(names)))
        return None
    reader = vtkXMLPUnstructuredGridReader()
    reader.SetFileName(pvtus[0])
    reader.Update()
    grid = reader.GetOutput()
    # deal.II writes cell vectors as point data on its per-cell (duplicated) vertices.
    association = 1 if grid.GetCellData().GetArray("region_id") is not None else 0
    append = vtkAppendFilter()
    for i in ids:
        t = vtkThreshold()
        t.SetInputConnection(reader.GetOutputPort())
        t.SetInputArrayToProcess(0, 0, 0, association, "region_id")
        t.SetAllScalars(1)
        t.SetLowerThreshold(i - 0.5)
        t.SetUpperThreshold(i + 0.5)
        t.SetThresholdFunction(vtkThreshold.THRESHOLD_BETWEEN)
        append.AddInputConnection(t.GetOutputPort())
    surface = vtkDataSetSurfaceFilter()
    surface.SetInputConnection(append.GetOutputPort())
    surface.Update()
    poly = surface.GetOutput()
    if poly.GetNumberOfPoints() == 0:
        print("render_interface_stress.py: skipping %s: regions %s are empty in %s"
              % (case, ", ".join(names[i] for i in ids), pvtus[0]))
        return None
    data = poly.GetPointData()
    if args.field == "szz":
        stress = data.GetArray("stress")
        if stress is None:
            print("render_interface_stress.py: skipping %s: no 'stress' field" % case)
            return None
        values = vtk_to_numpy(stress).reshape(-1, 9)[:, 8]
    else:
        array = data.GetArray(args.field)
        if array is None:
            print("render_interface_stress.py: skipping %s: no '%s' field" % (case, args.field))
            return None
        values = vtk_to_numpy(array)
    scalar = numpy_to_vtk(np.ascontiguousarray(values, dtype=float), deep=1)
    scalar.SetName("value")
    data.AddArray(scalar)
    data.SetActiveScalars("value")
    return poly, [names[i] for i in ids]


def render(poly, drawn, value_range, case, args, output):
    from vtkmodules.vtkRenderingAnnotation import vtkScalarBarActor
    from vtkmodules.vtkRenderingCore import (vtkActor, vtkColorTransferFunction,
                                             vtkPolyDataMapper, vtkRenderWindow, vtkRenderer,
                                             vtkTextActor, vtkWindowToImageFilter)
    from vtkmodules.vtkIOImage import vtkPNGWriter
    import vtkmodules.vtkRenderingOpenGL2  # noqa: F401
    import vtkmodules.vtkRenderingFreeType  # noqa: F401
    lut = vtkColorTransferFunction()  # cool-warm (blue = compression for szz)
    lo, hi = value_range
    lut.AddRGBPoint(lo, 0.23, 0.30, 0.75)
    lut.AddRGBPoint((lo + hi) / 2, 0.87, 0.87, 0.87)
    lut.AddRGBPoint(hi, 0.71, 0.02, 0.15)
    mapper = vtkPolyDataMapper()
    mapper.SetInputData(poly)
    mapper.SetLookupTable(lut)
    mapper.SetScalarRange(lo, hi)
    mapper.SetScalarModeToUsePointData()
    actor = vtkActor()
    actor.SetMapper(mapper)
    renderer = vtkRenderer()
    renderer.SetBackground(1, 1, 1)
    renderer.AddActor(actor)
    bar = vtkScalarBarActor()
    bar.SetLookupTable(lut)
    bar.SetTitle("%s [MPa]" % FIELDS[args.field].replace("$\\sigma_{zz}$", "szz"))
    bar.SetNumberOfLabels(5)
    bar.SetWidth(0.12)
    bar.SetHeight(0.7)
    bar.SetPosition(0.85, 0.15)
    for p in (bar.GetTitleTextProperty(), bar.GetLabelTextProperty()):
        p.SetColor(0, 0, 0)
        p.SetFontSize(14)
        p.BoldOff()
        p.ItalicOff()
        p.ShadowOff()
    renderer.SetViewport(0, 0, 0.8, 1)  # the model left, the colour bar in its own strip
    strip = vtkRenderer()
    strip.SetViewport(0.8, 0, 1, 1)
    strip.SetBackground(1, 1, 1)
    bar.SetPosition(0.1, 0.1)
    bar.SetWidth(0.5)
    bar.SetHeight(0.8)
    bar.UnconstrainedFontSizeOn()
    strip.AddActor2D(bar)
    title = vtkTextActor()
    title.SetInput("case %s: %s" % (os.path.basename(os.path.normpath(case)), ", ".join(drawn)))
    title.GetTextProperty().SetColor(0, 0, 0)
    title.GetTextProperty().SetFontSize(16)
    title.SetPosition(10, args.height - 28)
    renderer.AddActor2D(title)
    camera = renderer.GetActiveCamera()
    cx, cy, cz = poly.GetCenter()
    d = VIEWS[args.view]
    camera.SetFocalPoint(cx, cy, cz)
    camera.SetPosition(cx + d[0], cy + d[1], cz + d[2])
    camera.SetViewUp((1, 0, 0) if d[2] != 0 and d[0] == 0 and d[1] == 0 else (0, 0, 1))
    renderer.ResetCamera()
    camera.Zoom(1.1)
    window = vtkRenderWindow()
    window.SetOffScreenRendering(1)
    window.AddRenderer(renderer)
    window.AddRenderer(strip)
    window.SetSize(args.width, args.height)
    window.Render()
    image = vtkWindowToImageFilter()
    image.SetInput(window)
    image.Update()
    writer = vtkPNGWriter()
    writer.SetFileName(output)
    writer.SetInputConnection(image.GetOutputPort())
    writer.Write()
    print("render_interface_stress.py: wrote %s (%s from %.4g to %.4g MPa)" %
          (output, args.field, lo, hi))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("cases", nargs="+", help="case output folders (<study>/cases/<id>)")
    p.add_argument("--load-case", default="", help="load case sub-folder (default: none)")
    p.add_argument("--regions", default="T12/endplate_inferior,L2/endplate_superior",
                   help="comma-separated region name patterns (default: the endplates under "
                        "the endcaps)")
    p.add_argument("--field", choices=sorted(FIELDS), default="szz")
    p.add_argument("--view", choices=sorted(VIEWS), default="cranial")
    p.add_argument("--output", default=".", help="folder for the PNG files")
    p.add_argument("--size", default="1050x840", help="WxH in pixels (1050 = 3.5 in at 300 dpi)")
    args = p.parse_args()
    args.width, args.height = (int(v) for v in args.size.split("x"))
    ensure_python_and_display(args.width, args.height)
    extracted = [(case, extract(case, args)) for case in args.cases]
    extracted = [(case, e) for case, e in extracted if e is not None]
    if not extracted:
        print("render_interface_stress.py: nothing to render")
        return
    lo = min(e[0].GetPointData().GetArray("value").GetRange()[0] for _, e in extracted)
    hi = max(e[0].GetPointData().GetArray("value").GetRange()[1] for _, e in extracted)
    if hi <= lo:
        hi = lo + 1e-12
    os.makedirs(args.output, exist_ok=True)
    for case, (poly, drawn) in extracted:
        name = os.path.basename(os.path.normpath(case))
        render(poly, drawn, (lo, hi), case, args,
               os.path.join(args.output, "interface_stress_%s.png" % name))


if __name__ == "__main__":
    main()
