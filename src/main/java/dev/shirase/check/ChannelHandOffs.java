package dev.shirase.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.shirase.seam.Seam;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.SetPropertyDefinition;

/**
 * Each hand-off to a channel ({@code to: kamelet:slack}) comes after the step that names its destination
 * ({@code setProperty shiraseDestination}) in the same block or one around it, with no other hand-off in between.
 * The channel takes the destination with the message, so one left out would fail the flow on its first message: the
 * start refuses it, and bin/shirase check names it. A route file written before (to:
 * "kamelet:slack?destination=...") is named with what changed.
 */
public final class ChannelHandOffs {

    private ChannelHandOffs() {
    }

    public static List<String> problems(List<RouteTemplateDefinition> templates, List<RouteDefinition> routes) {
        Set<String> channels = new TreeSet<>();
        for (RouteTemplateDefinition template : templates) {
            for (SendDefinition<?> send : RouteFiles.filter(template.getRoute().getOutputs(), SendDefinition.class)) {
                String name = kamelet(send);
                if ("channel".equals(name) || "templated-channel".equals(name)) {
                    channels.add(template.getId());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (RouteDefinition route : routes) {
            walk(route.getOutputs(), false, channels, route, problems);
        }
        return problems;
    }

    /**
     * Goes through a block in order: a destination named holds until a hand-off takes it, and into the blocks
     * inside (filters, choices); a block that hands off inside leaves none named after it.
     */
    private static boolean walk(List<ProcessorDefinition<?>> block, boolean named, Set<String> channels,
            RouteDefinition route, List<String> problems) {
        boolean handedOff = false;
        for (ProcessorDefinition<?> step : block) {
            if (step instanceof SetPropertyDefinition set && Seam.SHIRASE_DESTINATION.equals(set.getName())) {
                named = true;
            } else if (step instanceof SendDefinition<?> send && channels.contains(kamelet(send))) {
                if (!named) {
                    String problem = RouteFiles.where(route) + ": to kamelet:" + kamelet(send) + " with no setProperty "
                            + Seam.SHIRASE_DESTINATION + " before it (the name of the setting holding the target)"
                            + (send.getEndpointUri().contains("destination=") ? "; the destination is no longer a"
                            + " parameter of the channel: set it before the hand-off, see docs/channels.md" : "");
                    if (!problems.contains(problem)) {
                        problems.add(problem);
                    }
                }
                named = false;
                handedOff = true;
            } else {
                List<List<ProcessorDefinition<?>>> inner = new ArrayList<>();
                if (step instanceof ChoiceDefinition choice) {
                    choice.getWhenClauses().forEach(when -> inner.add(when.getOutputs()));
                    if (choice.getOtherwise() != null) {
                        inner.add(choice.getOtherwise().getOutputs());
                    }
                } else {
                    inner.add(step.getOutputs());
                }
                boolean innerHandOff = false;
                for (List<ProcessorDefinition<?>> outputs : inner) {
                    innerHandOff |= walk(outputs, named, channels, route, problems);
                }
                named &= !innerHandOff;
                handedOff |= innerHandOff;
            }
        }
        return handedOff;
    }

    /** The Kamelet a step sends to (slack for kamelet:slack?...), or "" for any other endpoint. */
    static String kamelet(SendDefinition<?> send) {
        String uri = send.getEndpointUri();
        return uri != null && uri.startsWith("kamelet:") ? uri.substring("kamelet:".length()).split("[?/]")[0] : "";
    }
}
