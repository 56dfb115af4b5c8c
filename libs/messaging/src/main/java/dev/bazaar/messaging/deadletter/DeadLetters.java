package dev.bazaar.messaging.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.rabbitmq.client.GetResponse;
import dev.bazaar.messaging.inbox.Subscription;
import dev.bazaar.messaging.inbox.Subscriptions;
import dev.bazaar.messaging.outbox.ConfirmedPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/** The dead-letter queues of this service: how full they are, and moving messages back for another try. */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Subscriptions subscriptions;
    private final AmqpAdmin admin;
    private final ConfirmedPublisher publisher;
    private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();

    public DeadLetters(Subscriptions subscriptions, AmqpAdmin admin, ConfirmedPublisher publisher) {
        this.subscriptions = subscriptions;
        this.admin = admin;
        this.publisher = publisher;
    }

    public List<DeadLetterQueue> list() {
        return subscriptions.all().stream()
                .map(s -> new DeadLetterQueue(s.queue(), s.deadLetterQueue(), depth(s.deadLetterQueue())))
                .toList();
    }

    /** Messages in a queue; 0 if it does not exist (yet). */
    public long depth(String queue) {
        QueueInformation info = admin.getQueueInfo(queue);
        return info == null ? 0 : info.getMessageCount();
    }

    /** Moves every message now in the queue's dead-letter queue back to the queue. */
    public int redrive(String queue) {
        return redrive(queue, Integer.MAX_VALUE);
    }

    /**
     * Moves up to {@code limit} messages back. Only those present at the start are moved: a
     * message that fails again returns to the dead-letter queue and must not loop forever.
     * Each is acked in the dead-letter queue only after the broker confirmed the re-publish,
     * so a crash can duplicate a message (the inbox absorbs that) but never lose one.
     */
    public int redrive(String queue, int limit) {
        Subscription subscription = subscriptions.byQueue(queue).orElseThrow(() -> new UnknownQueue(queue));
        long wanted = Math.min(limit, depth(subscription.deadLetterQueue()));
        int moved = publisher.onChannel(channel -> {
            int count = 0;
            while (count < wanted) {
                GetResponse response = channel.basicGet(subscription.deadLetterQueue(), false);
                if (response == null) {
                    break;
                }
                long tag = response.getEnvelope().getDeliveryTag();
                try {
                    // default exchange: straight to the queue, whatever the routing key was
                    publisher.sendConfirmed("", subscription.queue(), asRetry(response));
                } catch (RuntimeException e) {
                    channel.basicNack(tag, false, true);
                    throw e;
                }
                channel.basicAck(tag, false);
                count++;
            }
            return count;
        });
        log.atInfo().addKeyValue("queue", queue).addKeyValue("redriven", moved).log("dead letters redriven");
        return moved;
    }

    private Message asRetry(GetResponse response) {
        MessageProperties properties = converter.toMessageProperties(response.getProps(), response.getEnvelope(),
                StandardCharsets.UTF_8.name());
        // the broker's count of the earlier deliveries; a fresh try starts from zero
        properties.getHeaders().remove("x-delivery-count");
        return new Message(response.getBody(), properties);
    }
}
