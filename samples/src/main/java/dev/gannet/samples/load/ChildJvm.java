package dev.gannet.samples.load;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the load tool for one provider (or some of its workloads) in a JVM of its own, so that providers share no heap,
 * threads, class-level state or files: the same Java, the same class path, and the {@code -Xmx} it is given (the run's
 * {@code --heap}, or a workload's own heap such as deep-backlog-256m's), the same for every provider. The child's
 * output goes where the parent's goes (its progress to stderr, its own table to stdout); its medians come back
 * through a properties file ({@link ProviderResults}).
 */
final class ChildJvm {

    /** System properties handed on to the child: JNDI settings for the jndi provider, and logging. */
    private static final List<String> INHERITED_PROPERTY_PREFIXES = List.of("java.naming.", "org.slf4j.");

    private ChildJvm() {
    }

    /**
     * Runs {@code workloads} (names) on {@code provider} with {@code options} in a child JVM with maximum heap
     * {@code heap} and waits for it to end.
     *
     * @return its results; failed results if it ended without writing any
     * @throws IOException          if the child cannot be started or its results file cannot be handled
     * @throws InterruptedException if interrupted while waiting; the child is then destroyed
     */
    static ProviderResults run(Provider provider, LoadOptions options, List<String> workloads, String heap)
            throws IOException, InterruptedException {
        Path results = Files.createTempFile("gannet-load-" + provider.label() + "-", ".properties");
        try {
            List<String> arguments = options.childArguments(provider, workloads, results);
            System.err.printf("%n=== %s, in a JVM of its own (-Xmx%s, this class path): %s%n", provider.label(),
                    heap, String.join(" ", arguments));
            Process child = new ProcessBuilder(command(heap, arguments)).inheritIO().start();
            int exit;
            try {
                exit = child.waitFor();
            } catch (InterruptedException e) {
                child.destroyForcibly();
                throw e;
            }
            if (Files.size(results) == 0) {
                return ProviderResults.failed(provider, "its JVM exited with code " + exit
                        + " without results (see its output above)");
            }
            return ProviderResults.load(results);
        } catch (IllegalArgumentException e) {
            return ProviderResults.failed(provider, e.getMessage());
        } finally {
            Files.deleteIfExists(results);
        }
    }

    private static List<String> command(String heap, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        for (String name : System.getProperties().stringPropertyNames()) {
            if (INHERITED_PROPERTY_PREFIXES.stream().anyMatch(name::startsWith)) {
                command.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        command.add("-cp");
        command.add(classPath());
        command.add(LoadTool.class.getName());
        command.addAll(arguments);
        return command;
    }

    /**
     * The class path this tool was loaded from: its class loader's URLs when that is a {@link URLClassLoader} (as
     * under {@code mvn exec:java}), else {@code java.class.path}.
     */
    static String classPath() {
        if (LoadTool.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(new File(url.toURI()).getPath());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("class path entry " + url + " is not a file", e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }
}
