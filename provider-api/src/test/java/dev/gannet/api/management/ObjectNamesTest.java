package dev.gannet.api.management;

import org.junit.jupiter.api.Test;

import javax.management.ObjectName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ObjectNames}: the documented scheme, values quoted only when an object name needs it. */
class ObjectNamesTest {

    @Test
    void plainNamesAreWrittenAsTheyAre() throws Exception {
        assertEquals(new ObjectName("dev.gannet:type=Broker,name=b-1"), ObjectNames.broker("b-1"));
        assertEquals(new ObjectName("dev.gannet:broker=b,type=Queue,name=orders.eu"),
                ObjectNames.queue("b", "orders.eu"));
        assertEquals(new ObjectName("dev.gannet:broker=b,type=Connection,name=7"), ObjectNames.connection("b", 7));
        assertEquals(new ObjectName("dev.gannet:broker=b,type=Subscription,topic=prices,kind=durable,clientId=app,"
                + "name=daily"), ObjectNames.durableSubscription("b", "prices", "app", "daily"));
        assertEquals(new ObjectName("dev.gannet:broker=b,type=Subscription,topic=prices,kind=shared,name=team"),
                ObjectNames.sharedSubscription("b", "prices", null, "team"));
        assertEquals(new ObjectName("dev.gannet:broker=b,type=Subscription,topic=prices,kind=non-durable,name=12"),
                ObjectNames.nonDurableSubscription("b", "prices", 12));
    }

    @Test
    void namesWithCharactersAnObjectNameReservesAreQuotedAndReadBack() {
        for (String name : new String[] {"a,b", "a=b", "a:b", "say \"hi\"", "what?", "all*", "back\\slash",
                "line\nbreak", ""}) {
            ObjectName queue = ObjectNames.queue("b", name);
            assertFalse(queue.isPropertyValuePattern(), queue.toString());
            assertEquals(name, ObjectName.unquote(queue.getKeyProperty("name")), queue.toString());
        }
        assertEquals("plain", ObjectNames.value("plain"));
    }

    @Test
    void allOfABrokerMatchesItsBeansButNotAnotherBrokers() {
        assertTrue(ObjectNames.allOf("b").apply(ObjectNames.queue("b", "q")));
        assertFalse(ObjectNames.allOf("b").apply(ObjectNames.queue("c", "q")));
    }
}
