package dev.gannet.tck.support;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts tests per spec chapter (the package under {@code dev.gannet.tck}) and, when the plan finishes, prints a
 * table and appends it as a section to {@code tck.conformanceReport} (default {@code target/conformance.md}),
 * titled by {@code tck.run}.
 */
public final class ConformanceReport implements TestExecutionListener {

    private static final String ROOT = "dev.gannet.tck.";

    private static final class Tally {
        int tests;
        int passed;
        final List<String> failed = new ArrayList<>();
    }

    private final Map<String, Tally> chapters = new TreeMap<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        chapters.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            Tally tally = tally(test);
            tally.tests++;
            tally.failed.add(name(test) + " (skipped: " + reason + ")");
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            return;
        }
        Tally tally = tally(test);
        tally.tests++;
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            tally.passed++;
        } else {
            String why = result.getThrowable().map(t -> t.getClass().getSimpleName() + ": "
                    + String.valueOf(t.getMessage()).lines().findFirst().orElse("")).orElse("");
            tally.failed.add(name(test) + " — " + why);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (chapters.isEmpty()) {
            return;
        }
        String run = System.getProperty("tck.run", "default");
        StringBuilder text = new StringBuilder();
        text.append("\n## Run: ").append(run).append(" (").append(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS))
                .append(")\n\n| chapter | tests | passed | failed |\n|---|---:|---:|---:|\n");
        int tests = 0;
        int passed = 0;
        for (Map.Entry<String, Tally> entry : chapters.entrySet()) {
            Tally t = entry.getValue();
            text.append("| ").append(entry.getKey()).append(" | ").append(t.tests).append(" | ").append(t.passed)
                    .append(" | ").append(t.tests - t.passed).append(" |\n");
            tests += t.tests;
            passed += t.passed;
        }
        text.append("| **total** | ").append(tests).append(" | ").append(passed).append(" | ").append(tests - passed)
                .append(" |\n");
        List<String> failures = chapters.values().stream().flatMap(t -> t.failed.stream()).toList();
        if (!failures.isEmpty()) {
            text.append("\nFailed:\n\n");
            failures.forEach(f -> text.append("- ").append(f.replace('|', '/')).append('\n'));
        }
        System.out.println(text);
        Path report = Path.of(System.getProperty("tck.conformanceReport", "target/conformance.md"));
        try {
            Files.createDirectories(report.toAbsolutePath().getParent());
            if (!Files.exists(report)) {
                Files.writeString(report, "# Gannet conformance results\n", StandardCharsets.UTF_8);
            }
            Files.writeString(report, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + report, e);
        }
    }

    private Tally tally(TestIdentifier test) {
        return chapters.computeIfAbsent(chapter(test.getSource().orElse(null)), c -> new Tally());
    }

    private static String chapter(TestSource source) {
        String className = source instanceof MethodSource m ? m.getClassName()
                : source instanceof ClassSource c ? c.getClassName() : "";
        if (!className.startsWith(ROOT)) {
            return "(other)";
        }
        String rest = className.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? "(root)" : rest.substring(0, dot);
    }

    private static String name(TestIdentifier test) {
        String className = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(MethodSource::getClassName).map(n -> n.substring(n.lastIndexOf('.') + 1)).orElse("?");
        return className + "." + test.getLegacyReportingName();
    }
}
