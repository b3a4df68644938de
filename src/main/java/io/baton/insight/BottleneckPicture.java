package io.baton.insight;

import io.baton.lead.LeadLifecycle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.springframework.stereotype.Component;

/**
 * Draws the {@code lead-lifecycle} diagram from its diagram interchange (the shapes and edges
 * Modeler saved) as plain SVG, with each user task coloured and labelled by its bottleneck figures:
 * the same picture as the Cockpit overlay, for places without Cockpit (mail, wiki, chat).
 */
@Component
class BottleneckPicture {

    record Palette(String fill, String stroke) {
    }

    static final Map<Reports.Severity, Palette> PALETTE = Map.of(
            Reports.Severity.idle, new Palette("#ffffff", "#22242a"),
            Reports.Severity.ok, new Palette("#e8f5e9", "#2e7d32"),
            Reports.Severity.warning, new Palette("#fff3e0", "#ef6c00"),
            Reports.Severity.critical, new Palette("#ffebee", "#c62828"));

    private static final double MARGIN = 40;

    private final UserTasks userTasks;

    BottleneckPicture(UserTasks userTasks) {
        this.userTasks = userTasks;
    }

    String render(List<Reports.Bottleneck> bottlenecks) {
        var definition = userTasks.latest(LeadLifecycle.KEY)
                .orElseThrow(() -> new IllegalStateException("Process '" + LeadLifecycle.KEY + "' is not deployed"));
        return render(userTasks.model(definition), bottlenecks);
    }

    String render(BpmnModelInstance model, List<Reports.Bottleneck> bottlenecks) {
        Map<String, Reports.Bottleneck> byActivity = bottlenecks.stream()
                .collect(Collectors.toMap(Reports.Bottleneck::activityId, Function.identity(), (a, b) -> a));
        List<BpmnShape> shapes = new ArrayList<>(model.getModelElementsByType(BpmnShape.class));
        List<BpmnEdge> edges = new ArrayList<>(model.getModelElementsByType(BpmnEdge.class));

        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (BpmnShape shape : shapes) {
            Bounds b = shape.getBounds();
            minX = Math.min(minX, b.getX());
            minY = Math.min(minY, b.getY());
            maxX = Math.max(maxX, b.getX() + b.getWidth());
            maxY = Math.max(maxY, b.getY() + b.getHeight());
        }
        for (BpmnEdge edge : edges) {
            for (Waypoint w : edge.getWaypoints()) {
                minX = Math.min(minX, w.getX());
                minY = Math.min(minY, w.getY());
                maxX = Math.max(maxX, w.getX());
                maxY = Math.max(maxY, w.getY());
            }
        }
        // Room for the badges above the top row of tasks.
        minY -= 30;
        double width = maxX - minX + 2 * MARGIN;
        double height = maxY - minY + 2 * MARGIN;

        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" font-family=\"Arial, Helvetica, sans-serif\" ")
                .append("width=\"").append(n(width)).append("\" height=\"").append(n(height)).append("\" ")
                .append("viewBox=\"").append(n(minX - MARGIN)).append(' ').append(n(minY - MARGIN)).append(' ')
                .append(n(width)).append(' ').append(n(height)).append("\">\n")
                .append("<title>").append(escape("Bottlenecks of " + LeadLifecycle.KEY)).append("</title>\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" ")
                .append("orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#22242a\"/></marker></defs>\n")
                .append("<rect x=\"").append(n(minX - MARGIN)).append("\" y=\"").append(n(minY - MARGIN)).append("\" width=\"")
                .append(n(width)).append("\" height=\"").append(n(height)).append("\" fill=\"#ffffff\"/>\n");

        // Expanded sub-processes first, biggest first, so everything inside them is drawn on top.
        shapes.sort(Comparator.comparing((BpmnShape s) -> !(s.getBpmnElement() instanceof SubProcess))
                .thenComparing(s -> -s.getBounds().getWidth() * s.getBounds().getHeight()));
        for (BpmnShape shape : shapes) {
            if (shape.getBpmnElement() instanceof SubProcess) {
                shape(svg, shape, byActivity);
            }
        }
        for (BpmnEdge edge : edges) {
            edge(svg, edge);
        }
        for (BpmnShape shape : shapes) {
            if (!(shape.getBpmnElement() instanceof SubProcess)) {
                shape(svg, shape, byActivity);
            }
        }
        for (BpmnShape shape : shapes) {
            if (shape.getBpmnElement() instanceof UserTask task && byActivity.containsKey(task.getId())) {
                badge(svg, shape.getBounds(), byActivity.get(task.getId()));
            }
        }
        legend(svg, minX, maxY + 20);
        return svg.append("</svg>\n").toString();
    }

    private static void shape(StringBuilder svg, BpmnShape shape, Map<String, Reports.Bottleneck> byActivity) {
        BaseElement element = shape.getBpmnElement();
        Bounds b = shape.getBounds();
        double x = b.getX(), y = b.getY(), w = b.getWidth(), h = b.getHeight();
        String name = element instanceof FlowElement flow ? flow.getName() : null;
        svg.append("<g data-element-id=\"").append(escape(element.getId())).append("\">");
        if (element instanceof Event) {
            double r = Math.min(w, h) / 2;
            boolean end = element instanceof EndEvent;
            svg.append("<circle cx=\"").append(n(x + w / 2)).append("\" cy=\"").append(n(y + h / 2)).append("\" r=\"").append(n(r))
                    .append("\" fill=\"#ffffff\" stroke=\"#22242a\" stroke-width=\"").append(end ? "4" : "1.5").append("\"/>");
            label(svg, shape, name, x + w / 2, y + h + 14, 90);
        } else if (element instanceof Gateway) {
            svg.append("<polygon points=\"").append(n(x + w / 2)).append(',').append(n(y)).append(' ')
                    .append(n(x + w)).append(',').append(n(y + h / 2)).append(' ')
                    .append(n(x + w / 2)).append(',').append(n(y + h)).append(' ')
                    .append(n(x)).append(',').append(n(y + h / 2))
                    .append("\" fill=\"#ffffff\" stroke=\"#22242a\" stroke-width=\"1.5\"/>");
            label(svg, shape, name, x + w / 2, y - 8, 120);
        } else if (element instanceof Activity) {
            Reports.Bottleneck bottleneck = element instanceof UserTask ? byActivity.get(element.getId()) : null;
            Palette palette = PALETTE.get(bottleneck == null ? Reports.Severity.idle : bottleneck.severity());
            boolean container = element instanceof SubProcess;
            svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                    .append("\" height=\"").append(n(h)).append("\" rx=\"10\" ry=\"10\" fill=\"")
                    .append(container ? "none" : palette.fill()).append("\" stroke=\"").append(palette.stroke())
                    .append("\" stroke-width=\"").append(bottleneck != null && bottleneck.open() > 0 ? "3" : "1.5").append("\"");
            if (container) {
                svg.append(" stroke-dasharray=\"0\"");
            }
            svg.append("/>");
            if (element instanceof CallActivity) {
                svg.append("<rect x=\"").append(n(x + 3)).append("\" y=\"").append(n(y + 3)).append("\" width=\"").append(n(w - 6))
                        .append("\" height=\"").append(n(h - 6)).append("\" rx=\"8\" ry=\"8\" fill=\"none\" stroke=\"#22242a\"/>");
            }
            if (container) {
                text(svg, name, x + 10, y + 18, w - 20, "start");
            } else {
                text(svg, name, x + w / 2, y + h / 2 - 4, w - 10, "middle");
            }
        }
        svg.append("</g>\n");
    }

    private static void label(StringBuilder svg, BpmnShape shape, String name, double cx, double y, double width) {
        if (name == null || name.isBlank()) {
            return;
        }
        if (shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
            Bounds l = shape.getBpmnLabel().getBounds();
            text(svg, name, l.getX() + l.getWidth() / 2, l.getY() + 10, Math.max(l.getWidth(), 60), "middle");
        } else {
            text(svg, name, cx, y, width, "middle");
        }
    }

    private static void text(StringBuilder svg, String text, double x, double y, double width, String anchor) {
        if (text == null || text.isBlank()) {
            return;
        }
        List<String> lines = wrap(text, (int) Math.max(6, width / 6.5));
        double top = "middle".equals(anchor) && lines.size() > 1 ? y - (lines.size() - 1) * 7 : y;
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(top)).append("\" font-size=\"12\" fill=\"#22242a\" text-anchor=\"")
                .append(anchor).append("\">");
        for (int i = 0; i < lines.size(); i++) {
            svg.append("<tspan x=\"").append(n(x)).append("\" dy=\"").append(i == 0 ? "0" : "14").append("\">")
                    .append(escape(lines.get(i))).append("</tspan>");
        }
        svg.append("</text>");
    }

    private static void edge(StringBuilder svg, BpmnEdge edge) {
        List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
        if (points.size() < 2) {
            return;
        }
        boolean flow = edge.getBpmnElement() instanceof SequenceFlow;
        svg.append("<polyline data-element-id=\"").append(escape(edge.getBpmnElement() == null ? "" : edge.getBpmnElement().getId()))
                .append("\" points=\"").append(points.stream().map(p -> n(p.getX()) + "," + n(p.getY())).collect(Collectors.joining(" ")))
                .append("\" fill=\"none\" stroke=\"#22242a\" stroke-width=\"1.5\"");
        if (flow) {
            svg.append(" marker-end=\"url(#arrow)\"");
        } else {
            svg.append(" stroke-dasharray=\"4 3\"");
        }
        svg.append("/>\n");
        if (edge.getBpmnElement() instanceof FlowElement element && element.getName() != null && edge.getBpmnLabel() != null
                && edge.getBpmnLabel().getBounds() != null) {
            Bounds l = edge.getBpmnLabel().getBounds();
            text(svg, element.getName(), l.getX() + l.getWidth() / 2, l.getY() + 10, Math.max(l.getWidth(), 40), "middle");
        }
    }

    /** The overlay: open count, oldest age and breaches above the task, in the severity's colour. */
    private static void badge(StringBuilder svg, Bounds b, Reports.Bottleneck bottleneck) {
        Palette palette = PALETTE.get(bottleneck.severity());
        String text = overlayText(bottleneck);
        double width = Math.max(b.getWidth(), text.length() * 6.2 + 12);
        double x = b.getX() + b.getWidth() / 2 - width / 2;
        double y = b.getY() - 24;
        svg.append("<g class=\"baton-overlay\" data-activity=\"").append(escape(bottleneck.activityId()))
                .append("\" data-open=\"").append(bottleneck.open()).append("\" data-breached=\"").append(bottleneck.breached())
                .append("\" data-severity=\"").append(bottleneck.severity()).append("\">")
                .append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(width))
                .append("\" height=\"20\" rx=\"10\" ry=\"10\" fill=\"").append(palette.stroke()).append("\"/>")
                .append("<text x=\"").append(n(x + width / 2)).append("\" y=\"").append(n(y + 14))
                .append("\" font-size=\"11\" font-weight=\"bold\" fill=\"#ffffff\" text-anchor=\"middle\">").append(escape(text))
                .append("</text></g>\n");
    }

    private static void legend(StringBuilder svg, double x, double y) {
        double cursor = x;
        for (Reports.Severity severity : Reports.Severity.values()) {
            Palette palette = PALETTE.get(severity);
            svg.append("<rect x=\"").append(n(cursor)).append("\" y=\"").append(n(y)).append("\" width=\"14\" height=\"14\" rx=\"3\" fill=\"")
                    .append(palette.fill()).append("\" stroke=\"").append(palette.stroke()).append("\" stroke-width=\"2\"/>")
                    .append("<text x=\"").append(n(cursor + 20)).append("\" y=\"").append(n(y + 11))
                    .append("\" font-size=\"12\" fill=\"#22242a\">").append(severity.name()).append("</text>\n");
            cursor += 110;
        }
    }

    static String overlayText(Reports.Bottleneck b) {
        return b.open() + " open · oldest " + age(b.oldestAgeSeconds()) + " · " + b.breached() + " breached";
    }

    static String age(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 86400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }

    private static List<String> wrap(String text, int perLine) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String n(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
