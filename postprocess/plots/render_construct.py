#!/usr/bin/python3
"""Renders a spinefe mesh (the .vtu written by write_mesh_vtu) as a PNG picture of the construct.

Each region is put in a class by its name (see CLASSES), the outer surface of each class is
extracted and drawn in the class colour, with a legend. Coordinates are spinefe's: x anterior,
y left, z cranial, in mm.

Usage (from a plain shell, no X display needed):
    /usr/bin/python3 postprocess/plots/render_construct.py mesh.vtu --view lateral \
        --hide pots --output construct.png --title "T10-L3, corpectomy T12"

Needs Debian's python3-vtk9 and python3-numpy. Debian's VTK 9.1 renders through X only (no EGL or
OSMesa build), so without a usable display the script re-runs itself under `xvfb-run -a`
(packages xvfb and xauth). Run it with /usr/bin/python3: VTK is not installed for other Pythons.
"""

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys

SYSTEM_PYTHON = "/usr/bin/python3"

# Region classes in drawing and legend order: (key, legend label, RGB colour, opacity).
CLASSES = [
    ("cortical", "cortical bone, endplates, posterior elements", (0.89, 0.84, 0.70), 1.0),
    ("cancellous", "cancellous bone", (0.98, 0.95, 0.86), 1.0),
    ("annulus", "disc annulus", (0.55, 0.72, 0.88), 1.0),
    ("nucleus", "disc nucleus", (0.25, 0.42, 0.78), 1.0),
    ("implant", "implant", (0.90, 0.45, 0.15), 1.0),
    ("screws", "pedicle screws", (0.70, 0.72, 0.76), 1.0),
    ("tulips", "tulips", (0.38, 0.42, 0.50), 1.0),
    ("rods", "rods", (0.80, 0.66, 0.22), 1.0),
    ("pots", "PMMA pots", (0.55, 0.80, 0.65), 0.25),
    ("other", "other (unrecognised name)", (0.80, 0.35, 0.80), 1.0),
]
CLASS_KEYS = [c[0] for c in CLASSES]

# Camera directions (from the model towards the camera) in x anterior, y left, z cranial.
VIEWS = {
    "anterolateral": (1.0, 1.0, 0.35),  # from the front left, slightly above
    "lateral": (0.0, 1.0, 0.0),  # from the left
    "posterior": (-1.0, 0.0, 0.0),
    "anterior": (1.0, 0.0, 0.0),
}


def region_class(name):
    """The class key of a region name. Instrumentation is recognised by the prefix of any
    '/'-separated part of the name (screw_L2_left, implant/endcap_upper), tissue by keywords."""
    lower = name.lower()
    parts = lower.split("/")

    def prefix(pattern):
        return any(re.match(pattern, p) for p in parts)

    if prefix(r"pot(s|ting)?(_|$)"):
        return "pots"
    if prefix(r"screws?(_|$)"):
        return "screws"
    if prefix(r"tulips?(_|$)"):
        return "tulips"
    if prefix(r"rods?(_|$)"):
        return "rods"
    if any(w in lower for w in ("implant", "cage", "printed", "endcap")):
        return "implant"
    if "nucleus" in lower:
        return "nucleus"
    if "annulus" in lower or "disc" in lower:
        return "annulus"
    if "cancellous" in lower:
        return "cancellous"
    bone_words = ("cortical", "endplate", "posterior", "bone", "vertebra", "body", "pedicle",
                  "lamina", "facet", "spinous", "transverse")
    if any(w in lower for w in bone_words):
        return "cortical"
    return "other"


def parse_arguments(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("vtu", help="mesh written by write_mesh_vtu (cell data region_id)")
    p.add_argument("--regions", help="region CSV (default: <stem>_regions.csv next to the .vtu)")
    p.add_argument("--view", choices=sorted(VIEWS), default="anterolateral")
    p.add_argument("--hide", action="append", default=[],
                   help="class to leave out, repeatable or comma-separated: " +
                   ", ".join(CLASS_KEYS))
    p.add_argument("--output", help="PNG file (default: <stem>_<view>.png next to the .vtu)")
    p.add_argument("--title", default="", help="text at the top of the picture")
    p.add_argument("--size", default="1600x1200", help="image size WxH in pixels")
    args = p.parse_args(argv)
    args.hide = {h.strip() for item in args.hide for h in item.split(",") if h.strip()}
    unknown = args.hide - set(CLASS_KEYS)
    if unknown:
        p.error("unknown class in --hide: %s (classes: %s)" %
                (", ".join(sorted(unknown)), ", ".join(CLASS_KEYS)))
    m = re.fullmatch(r"(\d+)x(\d+)", args.size)
    if not m:
        p.error("--size must be WxH, e.g. 1600x1200")
    args.width, args.height = int(m.group(1)), int(m.group(2))
    stem = os.path.splitext(args.vtu)[0]
    args.regions = args.regions or stem + "_regions.csv"
    args.output = args.output or "%s_%s.png" % (stem, args.view)
    return args


def read_region_names(csv_file):
    """region_id -> region_name from the CSV written next to the .vtu."""
    with open(csv_file, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows or "region_id" not in rows[0] or "region_name" not in rows[0]:
        sys.exit("%s: expected the columns region_id,region_name,..." % csv_file)
    return {int(r["region_id"]): r["region_name"] for r in rows}


# --- display handling ------------------------------------------------------------------------

_PROBE = """
import vtkmodules.vtkRenderingOpenGL2
from vtkmodules.vtkRenderingCore import vtkRenderWindow, vtkRenderer
w = vtkRenderWindow(); w.SetOffScreenRendering(1); w.AddRenderer(vtkRenderer())
w.SetSize(8, 8); w.Render(); print("ok")
"""


def offscreen_works():
    """Whether VTK can render here. Tried in a child process: an X-only VTK without a display
    aborts the whole process, which cannot be caught."""
    try:
        r = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                           timeout=120)
    except subprocess.TimeoutExpired:
        return False
    return r.returncode == 0 and r.stdout.strip() == "ok"


def ensure_python_and_display(args):
    """Re-runs the script with the system Python if VTK is missing, and under xvfb-run if VTK
    cannot render without a display. Returns only when rendering in this process can work."""
    script = os.path.abspath(__file__)
    try:
        import vtkmodules  # noqa: F401
    except ImportError:
        if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and \
                os.path.exists(SYSTEM_PYTHON):
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, script] + sys.argv[1:])
        sys.exit("render_construct.py: VTK is not installed for %s; install python3-vtk9 and run "
                 "with %s" % (sys.executable, SYSTEM_PYTHON))
    if os.environ.get("SPINEFE_RENDER_UNDER_XVFB") or offscreen_works():
        return
    xvfb_run = shutil.which("xvfb-run")
    if not xvfb_run:
        sys.exit("render_construct.py: VTK cannot render here (no X display, DISPLAY=%r) and "
                 "xvfb-run is missing; install the Debian packages xvfb and xauth" %
                 os.environ.get("DISPLAY", ""))
    env = dict(os.environ, SPINEFE_RENDER_UNDER_XVFB="1")
    screen = "-screen 0 %dx%dx24" % (max(args.width, 640), max(args.height, 480))
    os.execve(xvfb_run, [xvfb_run, "-a", "-s", screen, sys.executable, script] + sys.argv[1:],
              env)


# --- rendering -------------------------------------------------------------------------------

def add_legend(renderer, entries, width, height):
    """A legend in the top right corner: a colour swatch and a dark label per class (VTK's
    vtkLegendBoxActor draws each label in its entry's colour, unreadable for the pale bone).
    Returns the x pixel where the legend begins, so that the model can be kept left of it."""
    from vtkmodules.vtkCommonCore import vtkPoints
    from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
    from vtkmodules.vtkRenderingCore import vtkActor2D, vtkPolyDataMapper2D, vtkTextActor

    def rectangle(x0, y0, w, h, colour, opacity=1.0):
        points = vtkPoints()
        for x, y in ((x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)):
            points.InsertNextPoint(x, y, 0)
        cells = vtkCellArray()
        cells.InsertNextCell(4)
        for k in range(4):
            cells.InsertCellPoint(k)
        poly = vtkPolyData()
        poly.SetPoints(points)
        poly.SetPolys(cells)
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(poly)
        actor = vtkActor2D()
        actor.SetMapper(mapper)
        actor.GetProperty().SetColor(colour)
        actor.GetProperty().SetOpacity(opacity)
        return actor

    font = max(10, int(round(22 * height / 1200.0)))  # pixels
    row = 1.6 * font
    pad = 0.8 * font
    text_width = 0.55 * font * max(len(label) for label, _ in entries)  # Arial-like estimate
    box_w = pad + font + 0.6 * font + text_width + pad
    box_h = 2 * pad + row * len(entries) - (row - font)
    x0 = width - box_w - 0.02 * width
    y_top = height - 0.03 * height
    renderer.AddViewProp(rectangle(x0, y_top - box_h, box_w, box_h, (1, 1, 1), 0.85))
    for i, (label, colour) in enumerate(entries):
        y = y_top - pad - font - i * row
        renderer.AddViewProp(rectangle(x0 + pad, y, font, font, colour))
        t = vtkTextActor()
        t.SetInput(label)
        t.GetTextProperty().SetFontSize(font)
        t.GetTextProperty().SetColor(0.1, 0.1, 0.1)
        t.GetTextProperty().SetVerticalJustificationToCentered()
        t.SetDisplayPosition(int(x0 + pad + 1.6 * font), int(y + 0.5 * font))
        renderer.AddViewProp(t)
    return x0


def fit_camera(renderer, direction, area, width, height):
    """Parallel projection looking along -`direction` with z up, scaled and shifted so that the
    visible props fill the pixel rectangle `area` = (x0, y0, x1, y1) of the picture."""
    import numpy as np
    b = renderer.ComputeVisiblePropBounds()
    corners = np.array([(x, y, z) for x in b[0:2] for y in b[2:4] for z in b[4:6]])
    d = np.asarray(direction, dtype=float)
    d /= np.linalg.norm(d)
    up = np.array([0.0, 0.0, 1.0]) - d[2] * d  # cranial up, orthogonal to the view direction
    up /= np.linalg.norm(up)
    right = np.cross(-d, up)
    a, v, c = corners @ right, corners @ up, corners @ d
    x0, y0, x1, y1 = area
    # world length per pixel, with 4% margin
    s = 1.04 * max((a.max() - a.min()) / (x1 - x0), (v.max() - v.min()) / (y1 - y0))
    centre = right * (a.max() + a.min()) / 2 + up * (v.max() + v.min()) / 2 + d * c.mean()
    focal = centre - right * ((x0 + x1) / 2 - width / 2) * s - up * ((y0 + y1) / 2 - height / 2) * s
    camera = renderer.GetActiveCamera()
    camera.ParallelProjectionOn()
    camera.SetFocalPoint(*focal)
    camera.SetPosition(*(focal + d * 4 * np.linalg.norm(corners[-1] - corners[0])))
    camera.SetViewUp(*up)
    camera.SetParallelScale(s * height / 2)
    renderer.ResetCameraClippingRange()


def render(args):
    import numpy as np
    import vtkmodules.vtkRenderingFreeType  # noqa: F401 (text rendering)
    import vtkmodules.vtkRenderingOpenGL2  # noqa: F401 (render window implementation)
    from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
    from vtkmodules.vtkCommonDataModel import vtkDataObject
    from vtkmodules.vtkFiltersCore import vtkPolyDataNormals, vtkThreshold
    from vtkmodules.vtkFiltersGeometry import vtkDataSetSurfaceFilter
    from vtkmodules.vtkIOImage import vtkPNGWriter
    from vtkmodules.vtkIOXML import vtkXMLUnstructuredGridReader
    from vtkmodules.vtkRenderingCore import (vtkActor, vtkLightKit, vtkPolyDataMapper, vtkRenderer,
                                             vtkRenderWindow, vtkTextActor,
                                             vtkWindowToImageFilter)

    if not os.path.exists(args.vtu):
        sys.exit("%s: no such file" % args.vtu)
    names = read_region_names(args.regions)
    reader = vtkXMLUnstructuredGridReader()
    reader.SetFileName(args.vtu)
    reader.Update()
    grid = reader.GetOutput()
    region_array = grid.GetCellData().GetArray("region_id")
    if grid.GetNumberOfCells() == 0 or region_array is None:
        sys.exit("%s: no cells with a region_id array" % args.vtu)
    region_id = vtk_to_numpy(region_array).astype(np.int64)
    missing = sorted(set(np.unique(region_id)) - set(names))
    if missing:
        sys.exit("%s: region ids %s are not in %s" % (args.vtu, missing, args.regions))

    # Per-cell class index, as a cell array the threshold filter can select on.
    class_of_region = {rid: CLASS_KEYS.index(region_class(n)) for rid, n in names.items()}
    lookup = np.zeros(max(names) + 1, dtype=np.int32)
    for rid, c in class_of_region.items():
        lookup[rid] = c
    class_id = numpy_to_vtk(lookup[region_id], deep=True)
    class_id.SetName("class_id")
    grid.GetCellData().AddArray(class_id)

    renderer = vtkRenderer()
    renderer.SetBackground(1.0, 1.0, 1.0)
    renderer.SetBackground2(0.82, 0.86, 0.92)
    renderer.GradientBackgroundOn()
    renderer.SetUseFXAA(True)
    legend_entries = []
    present = sorted(set(class_of_region[r] for r in np.unique(region_id)))
    for c in present:
        key, label, colour, opacity = CLASSES[c]
        if key in args.hide:
            continue
        threshold = vtkThreshold()
        threshold.SetInputData(grid)
        threshold.SetInputArrayToProcess(0, 0, 0, vtkDataObject.FIELD_ASSOCIATION_CELLS,
                                         "class_id")
        threshold.SetLowerThreshold(c - 0.5)
        threshold.SetUpperThreshold(c + 0.5)
        threshold.SetThresholdFunction(vtkThreshold.THRESHOLD_BETWEEN)
        # The outer surface of all regions of the class together: interfaces between regions of
        # one class (shell and endplate, left and right screw parts) are not drawn.
        surface = vtkDataSetSurfaceFilter()
        surface.SetInputConnection(threshold.GetOutputPort())
        normals = vtkPolyDataNormals()
        normals.SetInputConnection(surface.GetOutputPort())
        normals.SetFeatureAngle(50)
        normals.SplittingOn()
        mapper = vtkPolyDataMapper()
        mapper.SetInputConnection(normals.GetOutputPort())
        mapper.ScalarVisibilityOff()
        actor = vtkActor()
        actor.SetMapper(mapper)
        prop = actor.GetProperty()
        prop.SetColor(colour)
        prop.SetOpacity(opacity)
        prop.SetAmbient(0.15)  # faces seen edge-on stay recognisable, not black
        if key in ("screws", "tulips", "rods", "implant"):
            prop.SetSpecular(0.5)
            prop.SetSpecularPower(30)
        renderer.AddActor(actor)
        legend_entries.append((label, colour))
    if not legend_entries:
        sys.exit("render_construct.py: every class present is hidden; nothing to draw")
    renderer.SetUseDepthPeeling(True)  # correct blending of the semi-transparent pots
    renderer.SetMaximumNumberOfPeels(8)

    legend_x = add_legend(renderer, legend_entries, args.width, args.height)
    light_kit = vtkLightKit()  # key, fill and back lights: shape reads better than a headlight
    light_kit.AddLightsToRenderer(renderer)

    def text(string, x, y, size, bold=False):
        t = vtkTextActor()
        t.SetInput(string)
        t.GetTextProperty().SetFontSize(size)
        t.GetTextProperty().SetColor(0.1, 0.1, 0.1)
        t.GetTextProperty().SetBold(bold)
        t.SetDisplayPosition(int(x), int(y))
        renderer.AddViewProp(t)

    w, h = args.width, args.height
    scale = h / 1200.0
    if args.title:
        text(args.title, 0.02 * w, h - 0.02 * h - 30 * scale, int(30 * scale), bold=True)
    text("%s view, parallel projection (x anterior, y left, z cranial; mm)%s" %
         (args.view, "; hidden: " + ", ".join(sorted(args.hide)) if args.hide else ""),
         0.02 * w, 0.02 * h, int(18 * scale))
    top = h - (0.04 * h + 30 * scale if args.title else 0.03 * h)
    fit_camera(renderer, VIEWS[args.view], (0.03 * w, 0.06 * h, legend_x - 0.03 * w, top), w, h)

    window = vtkRenderWindow()
    window.SetOffScreenRendering(1)
    window.SetAlphaBitPlanes(1)
    window.SetMultiSamples(0)  # depth peeling needs it off; FXAA smooths edges instead
    window.AddRenderer(renderer)
    window.SetSize(args.width, args.height)
    window.Render()
    grab = vtkWindowToImageFilter()
    grab.SetInput(window)
    grab.SetInputBufferTypeToRGB()
    grab.ReadFrontBufferOff()
    grab.Update()
    out_dir = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(out_dir, exist_ok=True)
    # Written under a temporary name and renamed, so a failed run leaves no truncated picture.
    tmp = args.output + ".tmp.png"
    writer = vtkPNGWriter()
    writer.SetFileName(tmp)
    writer.SetInputConnection(grab.GetOutputPort())
    writer.Write()
    if not os.path.exists(tmp) or os.path.getsize(tmp) == 0:
        sys.exit("%s: writing the PNG failed" % args.output)
    os.replace(tmp, args.output)
    counts = {}
    for rid in np.unique(region_id):
        counts[region_class(names[rid])] = counts.get(region_class(names[rid]), 0) + 1
    print("render_construct.py: wrote %s (%s view, %dx%d; regions per class: %s)" %
          (args.output, args.view, args.width, args.height,
           ", ".join("%s %d" % (k, counts[k]) for k in CLASS_KEYS if k in counts)))


def main():
    args = parse_arguments(sys.argv[1:])
    ensure_python_and_display(args)
    render(args)


if __name__ == "__main__":
    main()
