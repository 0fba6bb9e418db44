package dev.gannet.cli;

import dev.gannet.api.DestinationStatistics;
import dev.gannet.api.management.DestinationInfo;
import dev.gannet.api.management.MessageInfo;
import dev.gannet.api.management.QueueMXBean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gannet.cli.Output.fields;
import static dev.gannet.cli.Output.time;

/**
 * {@code gannet queue list|stat|browse|purge|move|retry|pause|resume|create|delete}: a running broker's queues through their
 * MXBeans ({@link QueueMXBean}, {@link dev.gannet.api.management.BrokerMXBean}).
 */
@Command(name = "queue", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "A running broker's queues: figures, messages, and the operations on them.")
final class QueueCommand {

    @Spec
    private CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the queues with their depth and consumers.")
    int list(@Mixin ManagementOptions management, @Mixin OutputOptions output) {
        try (ManagementClient client = management.connect()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (DestinationInfo destination : client.broker().listDestinations()) {
                if (destination.type().equals("queue")) {
                    rows.add(fields("name", destination.name(), "depth", destination.depth(),
                            "consumers", destination.consumers(), "temporary", destination.temporary()));
                }
            }
            output.output().rows(rows, List.of("name", "depth", "consumers", "temporary"));
        }
        return ExitStatus.OK;
    }

    @Command(name = "stat", mixinStandardHelpOptions = true,
            description = "Every figure of the named queues (none named: of every queue).")
    int stat(@Mixin ManagementOptions management, @Mixin OutputOptions output,
             @Parameters(paramLabel = "QUEUE", arity = "0..*", description = "Queues (default: all).")
             List<String> names) {
        try (ManagementClient client = management.connect()) {
            List<Map<String, Object>> rows;
            if (names == null || names.isEmpty()) {
                List<QueueMXBean> queues = new ArrayList<>();
                for (DestinationInfo destination : client.broker().listDestinations()) {
                    if (destination.type().equals("queue")) {
                        queues.add(client.queue(destination.name()));
                    }
                }
                rows = ManagementClient.readEach(queues, QueueCommand::figures);
            } else {
                rows = new ArrayList<>();
                for (String name : names) {
                    rows.add(figures(client.queue(name)));
                }
            }
            output.output().rows(rows, List.of("name", "depth", "consumers", "enqueued", "delivered",
                    "acknowledged", "expired", "deadLettered", "duplicatesDropped", "paged", "paused",
                    "oldestMessageAgeMillis"));
        }
        return ExitStatus.OK;
    }

    @Command(name = "browse", mixinStandardHelpOptions = true,
            description = "Shows a page of the queue's waiting messages in delivery order: headers, properties and "
                    + "the start of the body (all of it with --json).")
    int browse(@Mixin ManagementOptions management, @Mixin OutputOptions output,
               @Parameters(paramLabel = "QUEUE") String name,
               @Option(names = "--selector", paramLabel = "SELECTOR",
                       description = "Only the messages this message selector selects.") String selector,
               @Option(names = "--offset", defaultValue = "0", paramLabel = "N",
                       description = "Skip the first N messages (default: ${DEFAULT-VALUE}).") int offset,
               @Option(names = "--max", defaultValue = "20", paramLabel = "N",
                       description = "At most N messages, 1-1000 (default: ${DEFAULT-VALUE}).") int max) {
        try (ManagementClient client = management.connect()) {
            QueueMXBean queue = client.queue(name);
            List<MessageInfo> page = selector == null ? queue.browse(offset, max) : queue.browse(selector, offset, max);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (MessageInfo message : page) {
                rows.add(fields("messageId", message.messageId(), "bodyType", message.bodyType(),
                        "destination", message.destination(), "timestamp", time(message.timestamp()),
                        "correlationId", message.correlationId(), "type", message.type(),
                        "replyTo", message.replyTo(), "deliveryMode", message.deliveryMode(),
                        "priority", message.priority(), "expiration", time(message.expiration()),
                        "deliveryTime", time(message.deliveryTime()), "size", message.size(),
                        "properties", message.properties(), "bodyPreview", message.bodyPreview()));
            }
            output.output().rows(rows, List.of("messageId", "timestamp", "priority", "bodyType", "size",
                    "bodyPreview"));
        }
        return ExitStatus.OK;
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Removes every waiting message of the queue (each consumed, as an acknowledgement would).")
    int purge(@Mixin ManagementOptions management, @Mixin OutputOptions output,
              @Parameters(paramLabel = "QUEUE") String name) {
        try (ManagementClient client = management.connect()) {
            long removed = client.queue(name).purge();
            output.output().result(fields("queue", name, "removed", removed),
                    "Removed " + removed + " message(s) from queue '" + name + "'");
        }
        return ExitStatus.OK;
    }

    @Command(name = "move", mixinStandardHelpOptions = true,
            description = "Moves waiting messages to another queue (created if needed), each in one store "
                    + "transaction with its removal: one by --message, those --selector selects, or all.")
    int move(@Mixin ManagementOptions management, @Mixin OutputOptions output,
             @Parameters(index = "0", paramLabel = "QUEUE") String name,
             @Parameters(index = "1", paramLabel = "TARGET") String target,
             @Option(names = "--message", paramLabel = "ID", description = "The JMSMessageID of the one message.")
             String messageId,
             @Option(names = "--selector", paramLabel = "SELECTOR", description = "The messages it selects.")
             String selector) {
        requireOneOf(messageId, selector);
        try (ManagementClient client = management.connect()) {
            QueueMXBean queue = client.queue(name);
            long moved;
            if (messageId != null) {
                if (!queue.moveMessage(messageId, target)) {
                    throw CommandFailure.notFound("Queue '" + name + "' has no waiting message " + messageId);
                }
                moved = 1;
            } else {
                moved = queue.moveMessages(selector, target);
            }
            output.output().result(fields("queue", name, "target", target, "moved", moved),
                    "Moved " + moved + " message(s) from queue '" + name + "' to queue '" + target + "'");
        }
        return ExitStatus.OK;
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Sends dead-lettered or expired messages back to the destination they came from "
                    + "(_GANNET_ORIGINAL_DESTINATION): one by --message, those --selector selects, or all.")
    int retry(@Mixin ManagementOptions management, @Mixin OutputOptions output,
              @Parameters(paramLabel = "QUEUE", description = "The dead-letter (or expiry) queue.") String name,
              @Option(names = "--message", paramLabel = "ID", description = "The JMSMessageID of the one message.")
              String messageId,
              @Option(names = "--selector", paramLabel = "SELECTOR", description = "The messages it selects.")
              String selector) {
        requireOneOf(messageId, selector);
        try (ManagementClient client = management.connect()) {
            QueueMXBean queue = client.queue(name);
            long retried;
            if (messageId != null) {
                if (!queue.retryMessage(messageId)) {
                    throw CommandFailure.notFound("Queue '" + name + "' has no waiting message " + messageId
                            + " naming an original destination that still exists");
                }
                retried = 1;
            } else {
                retried = queue.retryMessages(selector);
            }
            output.output().result(fields("queue", name, "retried", retried),
                    "Sent " + retried + " message(s) of queue '" + name + "' back to where they came from");
        }
        return ExitStatus.OK;
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Stops delivery to the queue's consumers (messages keep arriving) until resume or the "
                    + "broker's stop.")
    int pause(@Mixin ManagementOptions management, @Mixin OutputOptions output,
              @Parameters(paramLabel = "QUEUE") String name) {
        try (ManagementClient client = management.connect()) {
            client.queue(name).pause();
            output.output().result(fields("queue", name, "paused", true), "Paused delivery of queue '" + name + "'");
        }
        return ExitStatus.OK;
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Delivers again after pause.")
    int resume(@Mixin ManagementOptions management, @Mixin OutputOptions output,
               @Parameters(paramLabel = "QUEUE") String name) {
        try (ManagementClient client = management.connect()) {
            client.queue(name).resume();
            output.output().result(fields("queue", name, "paused", false),
                    "Resumed delivery of queue '" + name + "'");
        }
        return ExitStatus.OK;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a permanent queue (nothing happens if it exists).")
    int create(@Mixin ManagementOptions management, @Mixin OutputOptions output,
               @Parameters(paramLabel = "QUEUE") String name) {
        try (ManagementClient client = management.connect()) {
            client.broker().createQueue(name);
            output.output().result(fields("queue", name, "created", true),
                    "Queue '" + name + "' exists on broker '" + client.brokerName() + "'");
        }
        return ExitStatus.OK;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a permanent queue with every message it holds (refused while it has consumers).")
    int delete(@Mixin ManagementOptions management, @Mixin OutputOptions output,
               @Parameters(paramLabel = "QUEUE") String name) {
        try (ManagementClient client = management.connect()) {
            if (!client.broker().deleteQueue(name)) {
                throw CommandFailure.notFound("Broker '" + client.brokerName() + "' has no queue '" + name + "'");
            }
            output.output().result(fields("queue", name, "deleted", true), "Deleted queue '" + name + "'");
        }
        return ExitStatus.OK;
    }

    private void requireOneOf(String messageId, String selector) {
        if (messageId != null && selector != null) {
            throw new ParameterException(spec.commandLine(), "Give --message or --selector, not both");
        }
    }

    private static Map<String, Object> figures(QueueMXBean queue) {
        DestinationStatistics statistics = queue.getStatistics();
        return fields("name", queue.getName(), "depth", statistics.depth(), "bytes", statistics.bytes(),
                "consumers", statistics.consumers(), "enqueued", statistics.enqueued(),
                "delivered", statistics.delivered(), "acknowledged", statistics.acknowledged(),
                "expired", statistics.expired(), "deadLettered", statistics.deadLettered(),
                "duplicatesDropped", statistics.duplicatesDropped(), "paged", queue.getPagedCount(),
                "memoryBytes", queue.getMemoryBytes(), "paused", queue.isPaused(),
                "oldestMessageAgeMillis", queue.getOldestMessageAgeMillis(), "temporary", queue.isTemporary());
    }
}
