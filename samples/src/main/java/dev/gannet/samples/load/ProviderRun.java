package dev.gannet.samples.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the selected workloads on one provider and puts the results together: the workloads that take the run's heap
 * in one JVM, and each group of workloads that needs a heap of its own ({@link Workload#heap()}, e.g.
 * {@code deep-backlog-256m}) in a child JVM with that {@code -Xmx} ({@link ChildJvm}). The part with the run's heap
 * runs in this JVM or in a child of its own, as the caller says.
 */
final class ProviderRun {

    /** Measures workloads in this JVM. */
    interface Here {
        ProviderResults measure(List<Workload> workloads) throws InterruptedException;
    }

    /** One JVM's share of the run: the workloads it was given and what it returned. */
    private record Part(List<Workload> workloads, ProviderResults results) {
    }

    private final Provider provider;
    private final LoadOptions options;
    private final List<Workload> workloads;

    ProviderRun(Provider provider, LoadOptions options, List<Workload> workloads) {
        this.provider = provider;
        this.options = options;
        this.workloads = List.copyOf(workloads);
    }

    /**
     * Runs every part, one after the other.
     *
     * @param here measures the part with the run's heap in this JVM; null to run that part in a child JVM too
     */
    ProviderResults run(Here here) throws InterruptedException {
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, List<Workload>> group : byHeap().entrySet()) {
            List<Workload> share = group.getValue();
            ProviderResults results = group.getKey() == null && here != null ? here.measure(share)
                    : inChild(share, group.getKey() == null ? options.heap() : group.getKey());
            parts.add(new Part(share, results));
        }
        return merge(parts);
    }

    /** The workloads grouped by the heap they need, null (the run's heap) first, each group in selection order. */
    private Map<String, List<Workload>> byHeap() {
        Map<String, List<Workload>> groups = new LinkedHashMap<>();
        List<Workload> runHeap = workloads.stream().filter(w -> w.heap() == null).toList();
        if (!runHeap.isEmpty()) {
            groups.put(null, runHeap);
        }
        for (Workload workload : workloads) {
            if (workload.heap() != null) {
                groups.computeIfAbsent(workload.heap(), heap -> new ArrayList<>()).add(workload);
            }
        }
        return groups;
    }

    private ProviderResults inChild(List<Workload> share, String heap) throws InterruptedException {
        try {
            return ChildJvm.run(provider, options, share.stream().map(Workload::name).toList(), heap);
        } catch (IOException e) {
            System.err.printf("%s: cannot run its JVM (-Xmx%s): %s%n", provider.label(), heap, e);
            return ProviderResults.failed(provider, "cannot run its JVM (-Xmx" + heap + "): " + e);
        }
    }

    /**
     * One result for the whole provider: failed as a whole if every part failed, else each part's summaries in
     * selection order, with the workloads of a part that failed as a whole failed for its reason.
     */
    private ProviderResults merge(List<Part> parts) {
        if (parts.stream().allMatch(p -> p.results().isFailed())) {
            return parts.isEmpty() ? new ProviderResults(provider, null, null, List.of())
                    : ProviderResults.failed(provider, parts.get(0).results().failure());
        }
        Map<String, Summary> byName = new LinkedHashMap<>();
        String description = null;
        for (Part part : parts) {
            ProviderResults results = part.results();
            if (description == null) {
                description = results.description();
            }
            for (Workload workload : part.workloads()) {
                Summary summary = results.isFailed() ? Summary.failed(workload.name(), results.failure())
                        : results.summary(workload.name());
                byName.put(workload.name(), summary == null ? Summary.failed(workload.name(), "no result") : summary);
            }
        }
        List<Summary> summaries = workloads.stream().map(w -> byName.get(w.name())).toList();
        return new ProviderResults(provider, description, null, summaries);
    }
}
