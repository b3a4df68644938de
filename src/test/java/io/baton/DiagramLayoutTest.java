package io.baton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every diagram in {@code processes/} is readable the way Camunda Modeler draws it: no label broken
 * mid-word, over a shape, over another label or under a flow; no two flows drawn on one line; no flow
 * through a shape it does not connect; every flow starts and ends on its shapes' outlines. Reads only
 * the diagram interchange (bpmndi) of the files, no engine.
 *
 * <p>Labels are measured as bpmn-js (the Modeler's renderer) lays them out: external labels (events,
 * gateways, flows) in 11 px Arial wrapped to the label's width, task names in 12 px Arial inside the
 * task less 7 px padding, with bpmn-js' own line-breaking rule, so a word it would cut is found here.
 */
class DiagramLayoutTest {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    private static final String DI = "http://www.omg.org/spec/DD/20100524/DI";

    /**
     * Room a label must leave beside its longest word. None: the Modeler saves a label exactly as wide
     * as its text, and the measured widths below are Arial's own.
     */
    private static final double WORD_SLACK = 0;
    /** How far a label may sit from the shape or flow it names. */
    private static final double LABEL_REACH = 25;
    /** How far a flow's end may lie from its shape's outline. */
    private static final double DOCKING_TOLERANCE = 2;

    static Stream<Path> diagrams() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            List<Path> bpmn = files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
            assertThat(bpmn).as("BPMN files in processes/").isNotEmpty();
            return bpmn.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void diagramIsReadable(Path file) throws Exception {
        Diagram diagram = Diagram.read(file);
        List<String> problems = new ArrayList<>();
        diagram.checkEveryElementIsDrawn(problems);
        diagram.checkLabelsFitTheirWords(problems);
        diagram.checkLabelsAreClear(problems);
        diagram.checkShapesDoNotOverlap(problems);
        diagram.checkFlowsDockOnTheirShapes(problems);
        diagram.checkFlowsAvoidShapes(problems);
        diagram.checkFlowsDoNotShareLines(problems);
        assertThat(problems).as(file + " layout problems").isEmpty();
    }

    // ---------------------------------------------------------------- model

    enum Kind { EVENT, GATEWAY, ACTIVITY, CONTAINER, FLOW, OTHER }

    record Box(double x, double y, double w, double h) {
        double right() { return x + w; }
        double bottom() { return y + h; }
        double cx() { return x + w / 2; }
        double cy() { return y + h / 2; }

        /** Overlap with positive area; boxes that only touch do not overlap. */
        boolean overlaps(Box o) {
            return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
        }

        boolean contains(Box o) {
            return o.x >= x && o.right() <= right() && o.y >= y && o.bottom() <= bottom();
        }

        Box inset(double d) {
            return new Box(x + d, y + d, w - 2 * d, h - 2 * d);
        }

        double distanceTo(Box o) {
            double dx = Math.max(0, Math.max(o.x - right(), x - o.right()));
            double dy = Math.max(0, Math.max(o.y - bottom(), y - o.bottom()));
            return Math.hypot(dx, dy);
        }

        @Override
        public String toString() {
            return "(" + fmt(x) + "," + fmt(y) + " " + fmt(w) + "x" + fmt(h) + ")";
        }
    }

    record Point(double x, double y) {
        @Override
        public String toString() {
            return "(" + fmt(x) + "," + fmt(y) + ")";
        }
    }

    record Segment(Point a, Point b) {
        /** Whether the segment passes through the open interior of the box. */
        boolean crosses(Box box) {
            // Liang-Barsky clipping against the open box
            double t0 = 0, t1 = 1;
            double dx = b.x - a.x, dy = b.y - a.y;
            double[] p = {-dx, dx, -dy, dy};
            double[] q = {a.x - box.x, box.right() - a.x, a.y - box.y, box.bottom() - a.y};
            for (int i = 0; i < 4; i++) {
                if (p[i] == 0) {
                    if (q[i] <= 0) {
                        return false;
                    }
                } else {
                    double t = q[i] / p[i];
                    if (p[i] < 0) {
                        t0 = Math.max(t0, t);
                    } else {
                        t1 = Math.min(t1, t);
                    }
                }
            }
            return t1 - t0 > 1e-9;
        }

        double distanceTo(Box box) {
            if (crosses(box)) {
                return 0;
            }
            double best = Double.MAX_VALUE;
            for (int i = 0; i <= 20; i++) {
                double t = i / 20.0;
                Point s = new Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                best = Math.min(best, new Box(s.x, s.y, 0, 0).distanceTo(box));
            }
            return best;
        }

        /** Length shared by two collinear segments; 0 when they are not collinear or only touch. */
        double sharedLength(Segment o) {
            double dx = b.x - a.x, dy = b.y - a.y;
            double len = Math.hypot(dx, dy);
            if (len == 0 || Math.hypot(o.b.x - o.a.x, o.b.y - o.a.y) == 0) {
                return 0;
            }
            if (distanceToLine(o.a) > 0.5 || distanceToLine(o.b) > 0.5) {
                return 0;
            }
            double ta = ((o.a.x - a.x) * dx + (o.a.y - a.y) * dy) / len;
            double tb = ((o.b.x - a.x) * dx + (o.b.y - a.y) * dy) / len;
            double lo = Math.max(0, Math.min(ta, tb));
            double hi = Math.min(len, Math.max(ta, tb));
            return Math.max(0, hi - lo);
        }

        private double distanceToLine(Point p) {
            double dx = b.x - a.x, dy = b.y - a.y;
            return Math.abs(dy * (p.x - a.x) - dx * (p.y - a.y)) / Math.hypot(dx, dy);
        }
    }

    /** One element of the process with what the diagram draws of it. */
    static final class Item {
        final String id;
        final String type;
        final Kind kind;
        final String name;
        final String parent;
        final String attachedTo;
        final String source;
        final String target;
        Box bounds;
        Box labelBounds;
        boolean labelPlaced = true;
        boolean expanded;
        final List<Point> waypoints = new ArrayList<>();

        Item(Element e, String parent) {
            this.id = e.getAttribute("id");
            this.type = e.getLocalName();
            this.name = e.getAttribute("name").isBlank() ? null : e.getAttribute("name").trim();
            this.parent = parent;
            this.attachedTo = blankToNull(e.getAttribute("attachedToRef"));
            this.source = blankToNull(e.getAttribute("sourceRef"));
            this.target = blankToNull(e.getAttribute("targetRef"));
            this.kind = kindOf(type);
        }

        boolean drawnAsContainer() {
            return kind == Kind.CONTAINER && expanded;
        }

        boolean hasExternalLabel() {
            return name != null && (kind == Kind.EVENT || kind == Kind.GATEWAY || kind == Kind.FLOW);
        }

        List<Segment> segments() {
            List<Segment> segments = new ArrayList<>();
            for (int i = 1; i < waypoints.size(); i++) {
                segments.add(new Segment(waypoints.get(i - 1), waypoints.get(i)));
            }
            return segments;
        }

        @Override
        public String toString() {
            return name == null ? id : id + " \"" + name + "\"";
        }

        private static Kind kindOf(String type) {
            if (type.endsWith("Event")) {
                return Kind.EVENT;
            }
            if (type.endsWith("Gateway")) {
                return Kind.GATEWAY;
            }
            if (type.equals("subProcess") || type.equals("transaction") || type.equals("adHocSubProcess")) {
                return Kind.CONTAINER;
            }
            if (type.endsWith("Task") || type.equals("task") || type.equals("callActivity")) {
                return Kind.ACTIVITY;
            }
            if (type.equals("sequenceFlow")) {
                return Kind.FLOW;
            }
            return Kind.OTHER;
        }
    }

    /** A label as bpmn-js draws it: the box its text occupies and whose name it is. */
    record Label(Item owner, Box box, String what) {
        @Override
        public String toString() {
            return what + " of " + owner + " " + box;
        }
    }

    static final class Diagram {
        final Map<String, Item> items = new LinkedHashMap<>();
        final List<String> drawnTwice = new ArrayList<>();
        final List<Label> labels = new ArrayList<>();

        static Diagram read(Path file) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(file.toFile());
            Diagram diagram = new Diagram();
            for (Element process : children(doc.getDocumentElement(), BPMN, "process")) {
                diagram.collect(process, null);
            }
            for (Element shape : descendants(doc.getDocumentElement(), BPMNDI, "BPMNShape")) {
                Item item = diagram.items.get(shape.getAttribute("bpmnElement"));
                if (item == null) {
                    continue;
                }
                if (item.bounds != null) {
                    diagram.drawnTwice.add(item.id);
                }
                item.bounds = bounds(first(shape, DC, "Bounds"));
                item.expanded = "true".equals(shape.getAttribute("isExpanded"));
                item.labelBounds = labelBounds(shape);
            }
            for (Element edge : descendants(doc.getDocumentElement(), BPMNDI, "BPMNEdge")) {
                Item item = diagram.items.get(edge.getAttribute("bpmnElement"));
                if (item == null) {
                    continue;
                }
                if (!item.waypoints.isEmpty()) {
                    diagram.drawnTwice.add(item.id);
                }
                for (Element wp : children(edge, DI, "waypoint")) {
                    item.waypoints.add(new Point(num(wp, "x"), num(wp, "y")));
                }
                item.labelBounds = labelBounds(edge);
            }
            diagram.layOutLabels();
            return diagram;
        }

        private void collect(Element scope, String parent) {
            for (Node n = scope.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && BPMN.equals(e.getNamespaceURI()) && e.hasAttribute("id")) {
                    Item item = new Item(e, parent);
                    if (item.kind == Kind.OTHER && !e.getLocalName().equals("dataObjectReference")
                            && !e.getLocalName().equals("dataStoreReference")) {
                        continue; // definitions, not drawn: timer definitions, documentation, ...
                    }
                    items.put(item.id, item);
                    if (item.kind == Kind.CONTAINER) {
                        collect(e, item.id);
                    }
                }
            }
        }

        private void layOutLabels() {
            for (Item item : items.values()) {
                if (item.hasExternalLabel() && item.labelBounds == null) {
                    item.labelBounds = defaultLabelBounds(item);
                    item.labelPlaced = false;
                }
                if (item.hasExternalLabel() && item.labelBounds != null) {
                    Box b = item.labelBounds;
                    int lines = TextMetrics.layout(item.name, b.w(), 11).size();
                    // bpmn-js keeps the stored x, y and width and sizes the height to the wrapped text
                    labels.add(new Label(item, new Box(b.x(), b.y(), b.w(), Math.ceil(lines * 11 * 1.2)), "label"));
                } else if (item.drawnAsContainer() && item.name != null) {
                    Box b = item.bounds;
                    int lines = TextMetrics.layout(item.name, b.w() - 14, 12).size();
                    labels.add(new Label(item, new Box(b.x() + 7, b.y() + 7, b.w() - 14, lines * 12 * 1.2), "title"));
                }
            }
        }

        /**
         * Where bpmn-js puts a label the file does not place (LabelUtil.getExternalLabelMid and
         * TextRenderer.getExternalLabelBounds): under the shape or beside the flow's middle, as wide
         * as the name laid out in 90 px.
         */
        private static Box defaultLabelBounds(Item item) {
            double mx, my;
            if (item.kind == Kind.FLOW) {
                if (item.waypoints.size() < 2) {
                    return null;
                }
                double mid = item.waypoints.size() / 2.0 - 1;
                Point first = item.waypoints.get((int) Math.floor(mid));
                Point second = item.waypoints.get((int) Math.ceil(mid + 0.01));
                mx = first.x() + (second.x() - first.x()) / 2;
                my = first.y() + (second.y() - first.y()) / 2;
                double angle = Math.atan((second.y() - first.y()) / (second.x() - first.x()));
                if (Math.abs(angle) < Math.PI / 2) {
                    my -= 15;
                } else {
                    mx += 15;
                }
            } else {
                if (item.bounds == null) {
                    return null;
                }
                mx = item.bounds.cx();
                my = item.bounds.bottom() + 10;
            }
            List<String> lines = TextMetrics.layout(item.name, 90, 11);
            double width = Math.ceil(lines.stream().mapToDouble(l -> TextMetrics.width(l, 11)).max().orElse(0));
            return new Box(Math.round(mx - width / 2), Math.round(my - 10), width, 20);
        }

        // ------------------------------------------------------------ checks

        void checkEveryElementIsDrawn(List<String> problems) {
            drawnTwice.forEach(id -> problems.add(id + " is drawn more than once"));
            for (Item item : items.values()) {
                if (item.kind == Kind.FLOW) {
                    if (item.waypoints.size() < 2) {
                        problems.add(item + " has no drawn flow (BPMNEdge with two waypoints or more)");
                    }
                } else if (item.bounds == null) {
                    problems.add(item + " has no shape (BPMNShape)");
                }
                if (item.hasExternalLabel() && !item.labelPlaced) {
                    problems.add(item + " has no placed label (BPMNLabel bounds): bpmn-js sizes such a label"
                            + " to its text and can then cut a word");
                }
            }
        }

        void checkLabelsFitTheirWords(List<String> problems) {
            for (Item item : items.values()) {
                if (item.name == null) {
                    continue;
                }
                if (item.hasExternalLabel() && item.labelBounds != null) {
                    checkWords(problems, item, item.labelBounds.w(), 11, "label");
                } else if ((item.kind == Kind.ACTIVITY || item.kind == Kind.CONTAINER) && item.bounds != null) {
                    Box b = item.bounds;
                    checkWords(problems, item, b.w() - 14, 12, "name");
                    if (!item.drawnAsContainer()) {
                        int lines = TextMetrics.layout(item.name, b.w() - 14, 12).size();
                        if (lines * 12 * 1.2 > b.h() - 14) {
                            problems.add(item + ": its name needs " + lines + " lines, more than its shape "
                                    + b + " holds");
                        }
                    }
                }
            }
        }

        private static void checkWords(List<String> problems, Item item, double width, int fontSize, String what) {
            String longest = "";
            for (String word : item.name.split("\\s+")) {
                if (TextMetrics.width(word, fontSize) > TextMetrics.width(longest, fontSize)) {
                    longest = word;
                }
            }
            double needed = TextMetrics.width(longest, fontSize) + WORD_SLACK;
            if (needed > width) {
                problems.add(item + ": its " + what + " is " + fmt(width) + " px wide, the word \"" + longest
                        + "\" needs " + fmt(needed) + " px");
                return;
            }
            List<String> words = List.of(item.name.split("\\s+"));
            List<String> lines = TextMetrics.layout(item.name, width, fontSize);
            for (String line : lines) {
                for (String part : line.trim().split("\\s+")) {
                    if (!part.isEmpty() && !words.contains(part)) {
                        problems.add(item + ": its " + what + " (" + fmt(width) + " px wide) breaks a word: "
                                + String.join(" / ", lines));
                        return;
                    }
                }
            }
        }

        void checkLabelsAreClear(List<String> problems) {
            for (Label label : labels) {
                if (label.what().equals("label")) {
                    double reach = distance(label.owner(), label.box());
                    if (reach > LABEL_REACH) {
                        problems.add(label + " sits " + fmt(reach) + " px from what it names (at most "
                                + fmt(LABEL_REACH) + ")");
                    }
                }
                for (Item shape : items.values()) {
                    if (shape.bounds == null || (label.what().equals("title") && shape == label.owner())) {
                        continue;
                    }
                    Box b = shape.bounds;
                    if (shape.drawnAsContainer()) {
                        if (b.overlaps(label.box()) && !b.contains(label.box())) {
                            problems.add(label + " crosses the border of " + shape + " " + b);
                        }
                    } else if (b.overlaps(label.box())) {
                        problems.add(label + " lies over " + shape + " " + b);
                    }
                }
                for (Item flow : items.values()) {
                    for (Segment s : flow.segments()) {
                        if (s.crosses(label.box())) {
                            problems.add(label + " is crossed by " + flow + " " + s.a() + "-" + s.b());
                            break;
                        }
                    }
                }
            }
            for (int i = 0; i < labels.size(); i++) {
                for (int j = i + 1; j < labels.size(); j++) {
                    if (labels.get(i).box().overlaps(labels.get(j).box())) {
                        problems.add(labels.get(i) + " overlaps " + labels.get(j));
                    }
                }
            }
        }

        void checkShapesDoNotOverlap(List<String> problems) {
            List<Item> shapes = items.values().stream().filter(i -> i.bounds != null).toList();
            for (int i = 0; i < shapes.size(); i++) {
                for (int j = i + 1; j < shapes.size(); j++) {
                    Item a = shapes.get(i), b = shapes.get(j);
                    if (!a.bounds.overlaps(b.bounds) || attached(a, b) || attached(b, a)) {
                        continue;
                    }
                    if (a.drawnAsContainer() && isInside(b, a) && a.bounds.contains(b.bounds)) {
                        continue;
                    }
                    if (b.drawnAsContainer() && isInside(a, b) && b.bounds.contains(a.bounds)) {
                        continue;
                    }
                    problems.add(a + " " + a.bounds + " overlaps " + b + " " + b.bounds);
                }
            }
        }

        void checkFlowsDockOnTheirShapes(List<String> problems) {
            for (Item flow : items.values()) {
                if (flow.kind != Kind.FLOW || flow.waypoints.size() < 2) {
                    continue;
                }
                Item source = items.get(flow.source), target = items.get(flow.target);
                Point start = flow.waypoints.get(0), end = flow.waypoints.get(flow.waypoints.size() - 1);
                if (source != null && source.bounds != null && !onOutline(source, start)) {
                    problems.add(flow + " starts at " + start + ", not on the outline of " + source + " "
                            + source.bounds);
                }
                if (target != null && target.bounds != null && !onOutline(target, end)) {
                    problems.add(flow + " ends at " + end + ", not on the outline of " + target + " "
                            + target.bounds);
                }
            }
        }

        void checkFlowsAvoidShapes(List<String> problems) {
            for (Item flow : items.values()) {
                if (flow.kind != Kind.FLOW) {
                    continue;
                }
                for (Item shape : items.values()) {
                    if (shape.bounds == null || shape.id.equals(flow.source) || shape.id.equals(flow.target)) {
                        continue;
                    }
                    if (shape.drawnAsContainer() && isInside(flow, shape)) {
                        continue;
                    }
                    // an activity's shape is its box; an event's or gateway's box has empty corners,
                    // but a flow through them still reads as touching the shape
                    Box body = shape.bounds.inset(1);
                    for (Segment s : flow.segments()) {
                        if (s.crosses(body)) {
                            problems.add(flow + " runs through " + shape + " " + shape.bounds + " at " + s.a()
                                    + "-" + s.b());
                            break;
                        }
                    }
                }
            }
        }

        void checkFlowsDoNotShareLines(List<String> problems) {
            List<Item> flows = items.values().stream().filter(i -> i.kind == Kind.FLOW).toList();
            for (int i = 0; i < flows.size(); i++) {
                for (int j = i + 1; j < flows.size(); j++) {
                    Item a = flows.get(i), b = flows.get(j);
                    outer:
                    for (Segment sa : a.segments()) {
                        for (Segment sb : b.segments()) {
                            double shared = sa.sharedLength(sb);
                            if (shared > 1) {
                                problems.add(a + " and " + b + " share " + fmt(shared) + " px of one line at "
                                        + sa.a() + "-" + sa.b());
                                break outer;
                            }
                        }
                    }
                }
            }
        }

        // ------------------------------------------------------------ geometry helpers

        private double distance(Item owner, Box box) {
            if (owner.kind == Kind.FLOW) {
                return owner.segments().stream().mapToDouble(s -> s.distanceTo(box)).min().orElse(0);
            }
            return owner.bounds == null ? 0 : owner.bounds.distanceTo(box);
        }

        private static boolean attached(Item event, Item host) {
            return host.id.equals(event.attachedTo);
        }

        /** Whether the item lies in the container (directly or deeper), or is attached to its border. */
        private boolean isInside(Item item, Item container) {
            String p = item.parent;
            while (p != null) {
                if (p.equals(container.id)) {
                    return true;
                }
                Item up = items.get(p);
                p = up == null ? null : up.parent;
            }
            return false;
        }

        private static boolean onOutline(Item shape, Point p) {
            Box b = shape.bounds;
            double t = DOCKING_TOLERANCE;
            switch (shape.kind) {
                case EVENT -> {
                    double r = Math.min(b.w(), b.h()) / 2;
                    return Math.abs(Math.hypot(p.x() - b.cx(), p.y() - b.cy()) - r) <= t;
                }
                case GATEWAY -> {
                    double d = Math.abs(p.x() - b.cx()) / (b.w() / 2) + Math.abs(p.y() - b.cy()) / (b.h() / 2);
                    return Math.abs(d - 1) * Math.min(b.w(), b.h()) / 2 <= t;
                }
                default -> {
                    boolean withinX = p.x() >= b.x() - t && p.x() <= b.right() + t;
                    boolean withinY = p.y() >= b.y() - t && p.y() <= b.bottom() + t;
                    boolean onVertical = Math.abs(p.x() - b.x()) <= t || Math.abs(p.x() - b.right()) <= t;
                    boolean onHorizontal = Math.abs(p.y() - b.y()) <= t || Math.abs(p.y() - b.bottom()) <= t;
                    return (onVertical && withinY) || (onHorizontal && withinX);
                }
            }
        }
    }

    /**
     * Arial metrics (identical to Helvetica's and Liberation Sans') and bpmn-js' line breaking
     * (diagram-js {@code Text.layoutNext}), to lay out a name the way the Modeler does.
     */
    static final class TextMetrics {

        /** Advance widths of ' ' to '~' in 1/1000 em. */
        private static final int[] WIDTHS = {
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
            1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
            667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
            333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
            556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584 // p to ~
        };

        static double width(String text, int fontSize) {
            String measured = text.replaceAll("\\s+$", "");
            double units = 0;
            for (int i = 0; i < measured.length(); i++) {
                char c = measured.charAt(i);
                units += c >= ' ' && c <= '~' ? WIDTHS[c - ' '] : 667; // wide guess for anything else
            }
            return units * fontSize / 1000;
        }

        static List<String> layout(String text, double maxWidth, int fontSize) {
            List<String> lines = new ArrayList<>(List.of(text.split("\u00AD?\r?\n")));
            List<String> laidOut = new ArrayList<>();
            while (!lines.isEmpty()) {
                String original = lines.remove(0);
                String fit = original;
                while (!(fit.equals(" ") || fit.isEmpty() || width(fit, fontSize) <= maxWidth || fit.length() < 2)) {
                    fit = shorten(fit, width(fit, fontSize), maxWidth);
                }
                if (fit.length() < original.length()) {
                    lines.add(0, original.substring(fit.length()).trim());
                }
                laidOut.add(fit);
            }
            return laidOut;
        }

        private static String shorten(String line, double width, double maxWidth) {
            double length = Math.max(line.length() * (maxWidth / width), 1);
            String shortened = semanticShorten(line, length);
            if (shortened.isEmpty()) {
                shortened = line.substring(0, (int) Math.max(Math.round(length - 1), 1));
            }
            return shortened;
        }

        private static String semanticShorten(String line, double maxLength) {
            // line.split(/(\s|-|\u00AD)/g) keeps the separators as parts
            List<String> parts = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (char c : line.toCharArray()) {
                if (Character.isWhitespace(c) || c == '-' || c == '\u00AD') {
                    parts.add(current.toString());
                    parts.add(String.valueOf(c));
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            parts.add(current.toString());
            StringBuilder shortened = new StringBuilder();
            List<String> taken = new ArrayList<>();
            if (parts.size() > 1) {
                int length = 0;
                for (String part : parts) {
                    if (part.isEmpty()) {
                        break; // JavaScript's while ((part = parts.shift())) stops at an empty part
                    }
                    if (part.length() + length < maxLength) {
                        taken.add(part);
                        length += part.length();
                    } else {
                        if (part.equals("-") || part.equals("\u00AD")) {
                            taken.remove(taken.size() - 1);
                        }
                        break;
                    }
                }
            }
            if (!taken.isEmpty() && taken.get(taken.size() - 1).equals("\u00AD")) {
                taken.set(taken.size() - 1, "-");
            }
            taken.forEach(shortened::append);
            return shortened.toString();
        }
    }

    // ---------------------------------------------------------------- XML helpers

    private static Box bounds(Element b) {
        return b == null ? null : new Box(num(b, "x"), num(b, "y"), num(b, "width"), num(b, "height"));
    }

    private static Box labelBounds(Element diElement) {
        Element label = first(diElement, BPMNDI, "BPMNLabel");
        return label == null ? null : bounds(first(label, DC, "Bounds"));
    }

    private static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    private static Element first(Element parent, String ns, String localName) {
        List<Element> found = children(parent, ns, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String ns, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element root, String ns, String localName) {
        List<Element> found = new ArrayList<>();
        var list = root.getElementsByTagNameNS(ns, localName);
        for (int i = 0; i < list.getLength(); i++) {
            found.add((Element) list.item(i));
        }
        return found;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format("%.1f", d);
    }
}
