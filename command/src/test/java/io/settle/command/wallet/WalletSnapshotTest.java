package io.settle.command.wallet;

import static io.settle.command.wallet.Wallets.PROVIDER;
import static io.settle.command.wallet.Wallets.PROVIDER_WALLET;
import static io.settle.command.wallet.Wallets.usd;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.settle.api.payout.PayoutEvents.PayoutRequested;
import io.settle.api.wallet.SubscriptionEarningEvents.SubscriptionEarningCredited;
import io.settle.api.wallet.WalletCommands.RecordPendingEarning;
import io.settle.api.wallet.WalletEvents.EarningPending;
import io.settle.api.wallet.WalletEvents.EarningReclaimed;
import io.settle.api.wallet.WalletEvents.EarningReleased;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/**
 * A wallet is loaded from its latest snapshot (every {@code settle.snapshots.wallet-events} events), serialized
 * with Jackson like the events. The snapshot must bring back every field, and a change of the wallet's shape
 * must change its {@code @Revision} so that older snapshots are ignored rather than read into the wrong shape.
 * The integration tests snapshot every third event, so they run their wallet commands on restored state.
 */
class WalletSnapshotTest {

    /** Revision and the shape of the fields it stands for; see {@link #the_revision_changes_with_the_shape}. */
    private static final String REVISION_AND_SHAPE = "1:" + -771_620_045;

    @Test
    void a_snapshot_brings_back_every_field_of_a_wallet_with_history() {
        AtomicReference<Wallet> live = new AtomicReference<>();
        new AggregateTestFixture<>(Wallet.class)
                .given(new EarningPending(PROVIDER_WALLET, PROVIDER, "bk_1", usd(2700)),
                        new EarningReleased(PROVIDER_WALLET, PROVIDER, "bk_1", usd(2700)),
                        new EarningPending(PROVIDER_WALLET, PROVIDER, "bk_2", usd(4000)),
                        new EarningReleased(PROVIDER_WALLET, PROVIDER, "bk_2", usd(4000)),
                        new PayoutRequested(PROVIDER_WALLET, PROVIDER, "po_1", usd(2700), "acct_1", "bk_1"),
                        new EarningReclaimed(PROVIDER_WALLET, PROVIDER, "bk_2", "re_1", usd(5000), usd(4000),
                                usd(1000), "refund"),
                        new SubscriptionEarningCredited(PROVIDER_WALLET, PROVIDER, "sub_1", "in_1", usd(1000),
                                usd(200), usd(800), 2000))
                .when(new RecordPendingEarning(PROVIDER_WALLET, PROVIDER, "bk_3", usd(1500)))
                .expectState(live::set);

        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules()
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
                .build();
        SerializedObject<byte[]> snapshot = serializer.serialize(live.get(), byte[].class);
        Wallet restored = serializer.deserialize(snapshot);

        assertThat(new String(snapshot.getData())).contains("po_1", "in_1", "pending:bk_3", "bk_2");
        assertThat(restored).usingRecursiveComparison().isEqualTo(live.get());
    }

    @Test
    void the_revision_changes_with_the_shape() {
        String shape = shape(Wallet.class, new LinkedHashSet<>());
        assertThat(Wallet.class.getAnnotation(Revision.class).value()).isEqualTo(Wallet.STATE_REVISION);
        assertThat(Wallet.STATE_REVISION + ":" + shape.hashCode())
                .as("The fields of Wallet or of the types it keeps changed (%s). Raise Wallet.STATE_REVISION, so "
                        + "that snapshots of the old shape are ignored, and put the new revision and hash here.", shape)
                .isEqualTo(REVISION_AND_SHAPE);
    }

    /** The instance fields of a type and, for the wallet's own types, of theirs: name and generic type. */
    private static String shape(Class<?> type, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return type.getSimpleName();
        }
        List<String> fields = new ArrayList<>();
        Arrays.stream(type.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers()))
                .sorted(Comparator.comparing(Field::getName))
                .forEach(field -> fields.add(field.getName() + ":" + describe(field.getGenericType(), seen)));
        return type.getSimpleName() + fields;
    }

    private static String describe(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType parameterized) {
            StringBuilder text = new StringBuilder(describe(parameterized.getRawType(), seen)).append('<');
            for (Type argument : parameterized.getActualTypeArguments()) {
                text.append(describe(argument, seen)).append(',');
            }
            return text.append('>').toString();
        }
        if (type instanceof Class<?> cls && cls.getPackageName().startsWith("io.settle")) {
            return shape(cls, seen);
        }
        return type.getTypeName();
    }
}
