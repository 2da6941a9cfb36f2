package io.augur.server.store;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A paged header's flag for lists whose stored counts leave out the end pages, read in place as decoded. */
class PagedHeaderTest {

    @Test
    void aListHeaderStoredWithItsEndsApart_isToldSoInPlace_andOthersAreNot() {
        PagedHeader whole = new PagedHeader(4096, 7, 1000, -3, 4);
        byte[] apart = entry(whole.listCounts(-100, -20, true).encode());
        byte[] counted = entry(whole.encode());
        byte[] beforeTheOrder = entry(Arrays.copyOf(whole.encode(), 32)); // a 32-byte header, written before

        assertThat(EntryCodec.listEndsApart(apart)).isTrue();
        assertThat(EntryCodec.header(apart).endsApart()).isTrue();
        assertThat(EntryCodec.listEndsApart(counted)).isFalse();
        assertThat(EntryCodec.header(counted).endsApart()).isFalse();
        assertThat(EntryCodec.listEndsApart(beforeTheOrder)).isFalse();
        assertThat(EntryCodec.header(beforeTheOrder).endsApart()).isFalse();
    }

    @Test
    void listCounts_movesCountAndBytes_andKeepsWhereThePagesAre() {
        PagedHeader stored = new PagedHeader(4096, 7, 1000, -3, 4).listCounts(-100, -20, true);
        assertThat(stored).isEqualTo(new PagedHeader(3996, 7, 980, -3, 4, PagedHeader.ENDS_APART));
        assertThat(stored.listCounts(100, 20, false)).isEqualTo(new PagedHeader(4096, 7, 1000, -3, 4));
    }

    private static byte[] entry(byte[] payload) {
        return EntryCodec.encode(payload, 0, false, ValueType.LIST, true);
    }
}
