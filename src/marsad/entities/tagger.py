"""The trained entity tagger: a character-aware BiLSTM-CRF whose weights ship in marsad/models/ner.npz.

Trained by training/ner.py (PyTorch, CPU) on ANERcorp with word vectors learned from SaudiNewsNet
(training/embeddings.py); run here in NumPy alone, so the package needs no deep-learning runtime.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import numpy as np

from ..arabic.normalize import normalize_word
from ..arabic.segment import WordMemo
from .flags import N_LEX, lexicon_flags

_DIGIT = re.compile(r"\d")


def word_form(token: str) -> str:
    """The form the word vectors know: normalized Arabic, Latin lower-cased, every digit 0."""
    return _DIGIT.sub("0", normalize_word(token).lower())


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans (first, last+1, type) from BIO tags, by the conlleval rules: an I- tag whose type differs
    from the previous tag's starts a new entity, as a B- would."""
    out: list[tuple[int, int, str]] = []
    start, etype = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        if start >= 0 and (prefix in ("B", "O") or t != etype):
            out.append((start, i, etype))
            start, etype = -1, ""
        if prefix == "B" or (prefix == "I" and start < 0):
            start, etype = i, t
    return out


def strip_candidates(form: str) -> list[str]:
    """The word without its proclitics, in the ways Arabic attaches them: وموسكو, بموسكو, وبموسكو, للامم."""
    out = []
    if len(form) > 3 and form[0] in "وف":
        out.append(form[1:])
        if form[1] in "بلك" and len(form) > 4:
            out.append(form[2:])
    if len(form) > 3 and form[0] in "بلك":
        out.append(form[1:])
    if form.startswith("لل") and len(form) > 4:
        out.append("ا" + form[1:])
    if form.startswith(("ولل", "فلل")) and len(form) > 5:
        out.append("ا" + form[2:])
    return out


def strip_form(form: str, counts: dict[str, int]) -> str:
    """The clitic-free form when the corpus knows it better than the whole word (ولافروف → لافروف, but not
    لافروف → افروف)."""
    best, best_n = form, counts.get(form, 0)
    for cand in strip_candidates(form):
        n = counts.get(cand, 0)
        if n > best_n * 2 and n >= 3:
            best, best_n = cand, n
    return best


TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MAX_CHARS = 24


class Featurizer:
    """Token -> model inputs. The same object encodes for training (PyTorch) and for the NumPy tagger, so the
    two can never disagree about a word."""

    def __init__(self, words: list[str], counts: dict[str, int], chars: list[str], lexicon: bool = True):
        self.words = words
        self.index = {w: i + 1 for i, w in enumerate(words)}          # 0: unknown word
        self.counts = counts
        self.chars = chars
        self.char_index = {c: i + 2 for i, c in enumerate(chars)}      # 0: padding, 1: unknown character
        self.lexicon = lexicon
        self._cache = WordMemo(self._token)

    def token(self, tok: str) -> tuple[int, int, str]:
        """(word id, clitic-free word id, form) of a token, remembered for the first words met."""
        return self._cache[tok]

    def _token(self, tok: str) -> tuple[int, int, str]:
        form = word_form(tok)
        return self.index.get(form, 0), self.index.get(strip_form(form, self.counts), 0), form

    def char_ids(self, forms: list[str]) -> np.ndarray:
        out = np.zeros((len(forms), max([1] + [min(MAX_CHARS, len(f)) for f in forms])), dtype=np.int64)
        get = self.char_index.get
        for i, f in enumerate(forms):
            for j, c in enumerate(f[:MAX_CHARS]):
                out[i, j] = get(c, 1)
        return out

    def encode_batch(self, sents: list[list[str]], flags: list[list[int]] | None = None, chars: bool = True) -> dict:
        """Model inputs for a batch; `flags` are the sentences' lexicon flags when the caller has them; `chars`
        False leaves out the character ids (the NumPy tagger caches character features per form)."""
        b = len(sents)
        t = max(1, max(len(s) for s in sents))
        w = np.zeros((b, t), dtype=np.int64)
        s = np.zeros((b, t), dtype=np.int64)
        type_idx = np.zeros((b, t), dtype=np.int64)
        lex = np.zeros((b, t, N_LEX), dtype=np.float32)
        mask = np.zeros((b, t), dtype=bool)
        forms: dict[str, int] = {}
        bits = np.array([1 << k for k in range(N_LEX)], dtype=np.int64)
        for i, toks in enumerate(sents):
            n = len(toks)
            mask[i, :n] = True
            for j, tok in enumerate(toks):
                wi, si, form = self.token(tok)
                w[i, j] = wi
                s[i, j] = si
                type_idx[i, j] = forms.setdefault(form, len(forms))
            if self.lexicon and n:
                fl = np.array(flags[i] if flags is not None else lexicon_flags(toks), dtype=np.int64)
                lex[i, :n] = (fl[:, None] & bits) > 0
        return {"w": w, "s": s, "type_idx": type_idx, "lex": lex, "mask": mask,
                "lengths": mask.sum(1), "chars": self.char_ids(list(forms)) if chars else None, "forms": list(forms)}

    def arrays(self) -> dict[str, np.ndarray]:
        return {"vocab": np.frombuffer("\n".join(self.words).encode(), dtype=np.uint8),
                "vocab_counts": np.array([self.counts.get(w, 0) for w in self.words], dtype=np.int64),
                "chars": np.frombuffer("".join(self.chars).encode("utf-32-le"), dtype=np.uint8),
                "lexicon": np.array([self.lexicon])}

    @classmethod
    def from_arrays(cls, a: dict[str, np.ndarray]) -> Featurizer:
        words = a["vocab"].tobytes().decode().split("\n")
        counts = dict(zip(words, (int(x) for x in a["vocab_counts"])))
        chars = list(a["chars"].tobytes().decode("utf-32-le"))
        return cls(words, counts, chars, bool(a["lexicon"][0]))


def shrink(a: dict[str, np.ndarray], keep_words: int | None = None) -> dict[str, np.ndarray]:
    """Arrays for shipping: word vectors as int8 with a per-row scale (4x smaller; the tagger's F1 moves by
    less than 0.001), optionally only the first `keep_words` words of the vocabulary (most frequent first)."""
    a = dict(a)
    vec = a.pop("word_vectors")
    if keep_words is not None and keep_words + 1 < len(vec):
        words = a["vocab"].tobytes().decode().split("\n")[:keep_words]
        a["vocab"] = np.frombuffer("\n".join(words).encode(), dtype=np.uint8)
        a["vocab_counts"] = a["vocab_counts"][:keep_words]
        vec = vec[:keep_words + 1]
    scale = np.abs(vec).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    a["word_vectors_q"] = np.round(vec / scale[:, None]).astype(np.int8)
    a["word_vectors_scale"] = scale.astype(np.float16)
    return a


SHARED_KEYS = ("vocab", "vocab_counts", "chars", "lexicon", "word_vectors_q", "word_vectors_scale")
MEMBER_KEYS = ("char_emb", "conv_w", "conv_b", "lstm_f_wi", "lstm_f_wh", "lstm_f_b", "lstm_b_wi", "lstm_b_wh",
               "lstm_b_b", "out_w", "out_b", "trans", "start", "end")


def member_arrays(a: dict[str, np.ndarray]) -> list[dict[str, np.ndarray]]:
    """The weights of each member of a model file: the first member's arrays carry no prefix, member k's are
    prefixed "m{k}_" (training/ensemble.py); the vocabulary and the word vectors are shared."""
    n = int(a["members"][0]) if "members" in a else 1
    return [{key: a[("" if k == 0 else f"m{k}_") + key] for key in MEMBER_KEYS} for k in range(n)]


class NumpyTagger:
    """BiLSTM-CRF inference in NumPy: sentences of similar length batched, character features cached per word.

    A model file may hold several members trained with different seeds over the same vocabulary and word
    vectors (an ensemble: their emissions and transitions are averaged, 1-1.5 F1 points over one member on
    ANERcorp). Both directions of every member run as one stacked batch of LSTMs, stepped in one loop."""

    CHAR_CACHE_MAX = 50_000       # forms whose character features are kept (256 bytes a member each)
    PROJ_CACHE_BYTES = 48 << 20   # input projections kept per form (2 KB a member each): 24k forms for one member

    def __init__(self, a: dict[str, np.ndarray]):
        self.feat = Featurizer.from_arrays(a)
        f32 = np.float32
        if "word_vectors_q" in a:              # int8 rows with one scale each (see `shrink`)
            self.vectors = a["word_vectors_q"].astype(f32) * a["word_vectors_scale"].astype(f32)[:, None]
        else:
            self.vectors = a["word_vectors"].astype(f32)
        members = member_arrays(a)
        self.n_members = len(members)
        hidden = members[0]["lstm_f_wh"].shape[1]
        self.hidden = hidden
        # The i, f, o gate rows are pre-scaled by 1/2 so one tanh over all four gates gives
        # sigmoid(x) = (tanh(x/2) + 1) / 2 for those and tanh(x) for the cell.
        scale = np.full(4 * hidden, 0.5, dtype=f32)
        scale[2 * hidden:3 * hidden] = 1.0
        self.char_tables, self.conv_b = [], []
        wi_form, wi_lex, bias, wh, out_w, out_b = [], [], [], [], [], []
        for m in members:
            assert m["lstm_f_wh"].shape[1] == hidden, "members of one model share the hidden size"
            # The character CNN as lookups: filter position k of the convolution applied to each character's
            # embedding, once per character (K, chars + 1, F; the last row is the zero padding around a word)
            # instead of a matmul over every window of every word: 30x less arithmetic for the same sums.
            emb = m["char_emb"].astype(f32)
            w = m["conv_w"].astype(f32)                                   # (F, D, K)
            tables = np.einsum("cd,fdk->kcf", emb, w)
            self.char_tables.append(np.concatenate([tables, np.zeros_like(tables[:, :1])], axis=1))
            self.conv_b.append(m["conv_b"].astype(f32))
            for d in "fb":
                wi = (m[f"lstm_{d}_wi"].astype(f32) * scale[:, None]).T        # (inputs, 4H)
                split = wi.shape[0] - N_LEX      # the flags are the last N_LEX inputs (zeros without a lexicon)
                wi_form.append(np.ascontiguousarray(wi[:split]))
                wi_lex.append(wi[split:])
                bias.append(m[f"lstm_{d}_b"].astype(f32) * scale)
                wh.append((m[f"lstm_{d}_wh"].astype(f32) * scale[:, None]).T)
            out_w.append(m["out_w"].astype(f32).T)
            out_b.append(m["out_b"].astype(f32))
        self._wi_form = wi_form                      # per (member, direction): the form's share of the inputs
        self._bias = bias
        self._wi_lex = np.stack(wi_lex)                             # (members * 2, N_LEX, 4H)
        self.wh = np.stack(wh)                                      # (members * 2, H, 4H)
        self.out_w = np.stack(out_w) / len(members)                 # (members, 2H, tags): averaged emissions
        self.out_b = np.mean(out_b, axis=0)
        self.trans = np.mean([m["trans"] for m in members], axis=0).astype(f32)
        self.start = np.mean([m["start"] for m in members], axis=0).astype(f32)
        self.end = np.mean([m["end"] for m in members], axis=0).astype(f32)
        self._char_cache: dict[str, np.ndarray] = {}
        self._forms = WordMemo(word_form)      # token -> form (Featurizer.token's form, alone)
        self._proj_rows: dict[str, int] = {}
        self._proj_table: np.ndarray | None = None

    @classmethod
    def load(cls, path) -> NumpyTagger:
        with np.load(path) as z:
            return cls({k: z[k] for k in z.files})

    def _char_features(self, forms: list[str]) -> np.ndarray:
        """(forms, members * F): each member's character CNN over each form, cached per form."""
        cache = self._char_cache
        if len(cache) > self.CHAR_CACHE_MAX:
            cache.clear()                           # before the lookup: every form of this batch must stay
        new = [f for f in dict.fromkeys(forms) if f not in cache]
        if new:
            for f, v in zip(new, self._char_cnn(new)):
                cache[f] = v
        return np.stack([cache[f] for f in forms])

    def _char_cnn(self, forms: list[str]) -> np.ndarray:
        """The character CNN of each form, forms of one length together: padded to the batch's longest form,
        two thirds of the windows were padding, masked after being summed. The sums are the same (the padding
        character's table rows are zeros, whichever padding ends a word) and taken in the same order."""
        get = self.feat.char_index.get
        ids = [[get(c, 1) for c in f[:MAX_CHARS]] for f in forms]
        by_len: dict[int, list[int]] = {}
        for i, x in enumerate(ids):
            by_len.setdefault(len(x), []).append(i)
        n_filters = self.char_tables[0].shape[2]
        out = np.empty((len(forms), len(self.char_tables) * n_filters), dtype=np.float32)
        for length, idx in by_len.items():
            block = np.array([ids[i] for i in idx], dtype=np.int64).reshape(len(idx), length)
            for m, (tables, conv_b) in enumerate(zip(self.char_tables, self.conv_b)):
                out[idx, m * n_filters:(m + 1) * n_filters] = np.tanh(self._conv_max(block, tables, conv_b))
        return out

    @staticmethod
    def _conv_max(ids: np.ndarray, tables: np.ndarray, conv_b: np.ndarray) -> np.ndarray:
        """Max over positions of the convolution of forms of one length (U, L) > (U, F); an empty form's
        positions are all masked, as the padding of a longer batch is."""
        u, length = ids.shape
        if length == 0:
            return np.full((u, tables.shape[2]), -1e4, dtype=np.float32)
        width, pad_id = tables.shape[0], tables.shape[1] - 1
        pad = width // 2
        padded = np.full((u, length + 2 * pad), pad_id, dtype=np.int64)
        padded[:, pad:pad + length] = ids
        y = tables[0][padded[:, :length]]                                     # (U, L, F)
        for k in range(1, width):
            y += tables[k][padded[:, k:k + length]]
        y += conv_b
        return y.max(axis=1)

    def _recur(self, rows: tuple[np.ndarray, np.ndarray], masks: tuple[np.ndarray, np.ndarray],
               lex: np.ndarray) -> np.ndarray:
        """The LSTM steps of every (member, direction), stepped together: (2M, batch, time, H). A direction's
        input at step k is its form's projection (rows of `_proj_table`) plus its lexicon flags' share (`lex`),
        gathered step by step from `rows` and `masks` (forward, backward), each (time, batch): the whole input
        gathered at once was a buffer of 2M x tokens x 4H floats written and read back (a quarter of the
        tagger's time). Buffers are reused: every operation and its order is the one-array-per-op form's, so
        the numbers are the same."""
        n, hd = len(self._wi_form), self.hidden
        t, bsz = rows[0].shape
        table, wh = self._proj_table, self.wh
        h = np.zeros((n, bsz, hd), dtype=np.float32)
        c = np.zeros((n, bsz, hd), dtype=np.float32)
        g = np.empty((n, bsz, 4 * hd), dtype=np.float32)
        x = np.empty((n, bsz, 4 * hd), dtype=np.float32)
        ifo = np.empty((n, bsz, 2 * hd), dtype=np.float32)
        tmp = np.empty((n, bsz, hd), dtype=np.float32)
        out = np.empty((n, t, bsz, hd), dtype=np.float32)
        for k in range(t):
            for r in range(n):
                np.add(table[r][rows[r % 2][k]], lex[r][masks[r % 2][k]], out=x[r])
            np.matmul(h, wh, out=g)
            g += x
            np.tanh(g, out=g)
            np.add(g[..., :2 * hd], 1.0, out=ifo)
            ifo *= 0.5
            c *= ifo[..., hd:2 * hd]
            np.multiply(ifo[..., :hd], g[..., 2 * hd:3 * hd], out=tmp)
            c += tmp
            np.add(g[..., 3 * hd:], 1.0, out=h)
            h *= 0.5
            np.tanh(c, out=tmp)
            h *= tmp
            out[:, k] = h
        return out.transpose(0, 2, 1, 3)

    def _form_rows(self, forms: list[str]) -> np.ndarray:
        """Rows of `_proj_table` holding each form's share of the LSTM input projection (every member and
        direction, bias included).

        Everything the model reads of a token except its lexicon flags (word vector, clitic-free vector,
        character features) depends on its form alone, so that part of the input projection, three quarters
        of the tagger's arithmetic, is computed once per form and kept for the most recently used forms
        (`_evict`: emptying the whole table when it filled up recomputed the frequent words every few batches,
        half the forms of a stream of news; keeping the recent half computes a third as many)."""
        rows = self._proj_rows
        n_rows = len(self._wi_form)
        cap = self.PROJ_CACHE_BYTES // (n_rows * 4 * self.hidden * 4)
        uniq = list(dict.fromkeys(forms))
        for f in uniq:                              # most recently used last: what `_evict` keeps
            if f in rows:
                rows[f] = rows.pop(f)
        new = [f for f in uniq if f not in rows]
        if len(rows) + len(new) > cap:
            self._evict(cap // 2, len(uniq) - len(new))
        self._room(cap + len(uniq))
        if new:
            start = len(rows)
            self._project(new, self._proj_table[:, start:start + len(new)])
            rows.update(zip(new, range(start, start + len(new))))
        return np.fromiter((rows[f] for f in forms), dtype=np.int64, count=len(forms))

    def _evict(self, keep: int, hits: int) -> None:
        """Keep the `keep` most recently used forms (and at least this batch's `hits`, the last ones), moved to
        the first rows of the table."""
        rows = self._proj_rows
        kept = list(rows)[-max(keep, hits):] if max(keep, hits) else []
        if self._proj_table is not None and kept:
            self._proj_table[:, :len(kept)] = self._proj_table[:, [rows[f] for f in kept]]
        rows.clear()
        rows.update(zip(kept, range(len(kept))))

    def _room(self, n: int) -> None:
        """A table of at least n rows, the rows in use carried over."""
        table = self._proj_table
        if table is not None and table.shape[1] >= n:
            return
        grown = np.empty((len(self._wi_form), n, 4 * self.hidden), dtype=np.float32)
        if table is not None and self._proj_rows:
            used = len(self._proj_rows)
            grown[:, :used] = table[:, :used]
        self._proj_table = grown

    def _project(self, new: list[str], out: np.ndarray) -> None:
        """The projections of forms not in the table, into `out` (rows, len(new), 4H). One form alone is
        computed as two: NumPy multiplies a single row by another BLAS routine (gemv) whose sums differ in the
        last bit, and a form's projection must not depend on what else its batch held."""
        feat = self.feat
        todo = new if len(new) > 1 else new * 2
        w = np.array([feat.index.get(f, 0) for f in todo])
        s = np.array([feat.index.get(strip_form(f, feat.counts), 0) for f in todo])
        words = np.concatenate([self.vectors[w], self.vectors[s]], axis=1)
        chars = self._char_features(todo)
        n_filters = chars.shape[1] // self.n_members
        for r in range(len(self._wi_form)):
            m = r // 2
            x = np.concatenate([words, chars[:, m * n_filters:(m + 1) * n_filters]], axis=1)
            block = np.matmul(x, self._wi_form[r])
            block += self._bias[r]
            out[r] = block[:len(new)]

    def _encode(self, sents: list[list[str]], flags: list[list[int]] | None) -> tuple[list[str], np.ndarray,
                                                                                      np.ndarray, np.ndarray]:
        """The batch's distinct forms, each token's form id and lexicon bit mask (batch, time), and lengths."""
        b, t = len(sents), max(1, max(len(s) for s in sents))
        forms: dict[str, int] = {}
        type_idx = np.zeros((b, t), dtype=np.int64)
        bits = np.zeros((b, t), dtype=np.int64)
        form_of = self._forms
        for i, toks in enumerate(sents):
            n = len(toks)
            type_idx[i, :n] = [forms.setdefault(form_of[tok], len(forms)) for tok in toks]
            if self.feat.lexicon and n:
                bits[i, :n] = flags[i] if flags is not None else lexicon_flags(toks)
        return list(forms), type_idx, bits, np.array([len(s) for s in sents])

    def _emissions(self, sents: list[list[str]], flags: list[list[int]] | None = None) -> tuple[np.ndarray, np.ndarray]:
        forms, type_idx, bits, lengths = self._encode(sents, flags)
        bsz, t = type_idx.shape
        rows = self._form_rows(forms)[type_idx]                                # (B, T) rows of the table
        # the flags' share of the input projection, once per distinct bit mask (a batch has a few dozen)
        masks, mask_idx = np.unique(bits, return_inverse=True)
        mask_idx = mask_idx.reshape(bsz, t)
        on = ((masks[:, None] >> np.arange(N_LEX)) & 1).astype(np.float32)     # (U, N_LEX)
        lex = np.matmul(on[None], self._wi_lex)                                # (2M, U, 4H)
        # backward directions (the odd rows) read each sentence reversed within its own length; padding stays
        # after each sentence's end in both directions, so what it holds never reaches a real token
        ar = np.arange(t)
        rev = np.where(ar[None, :] < lengths[:, None], lengths[:, None] - 1 - ar[None, :], ar[None, :])
        batch = np.arange(bsz)[:, None]
        rows_rev, mask_rev = rows[batch, rev], mask_idx[batch, rev]
        h = self._recur((np.ascontiguousarray(rows.T), np.ascontiguousarray(rows_rev.T)),
                        (np.ascontiguousarray(mask_idx.T), np.ascontiguousarray(mask_rev.T)), lex)
        h[1::2] = h[1::2][:, batch, rev]
        em = self.out_b
        for m in range(self.n_members):
            em = em + np.concatenate([h[2 * m], h[2 * m + 1]], axis=2) @ self.out_w[m]
        return em, lengths

    def _viterbi(self, em: np.ndarray, lengths: np.ndarray) -> list[list[str]]:
        bsz, t, n = em.shape
        score = self.start + em[:, 0]
        back = np.zeros((bsz, t, n), dtype=np.int64)
        ident = np.arange(n)
        for k in range(1, t):
            cand = score[:, :, None] + self.trans[None]                 # (b, from, to)
            best = cand.argmax(axis=1)
            nxt = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0] + em[:, k]
            live = (k < lengths)[:, None]
            score = np.where(live, nxt, score)
            back[:, k] = np.where(live, best, ident)
        score = score + self.end
        out = []
        last = score.argmax(axis=1)
        for i, (tag, n_tok) in enumerate(zip(last.tolist(), lengths.tolist())):
            path = [tag]
            steps = back[i, 1:n_tok].tolist()                 # Python ints: one scalar read per token was slower
            for k in range(n_tok - 2, -1, -1):
                tag = steps[k][tag]
                path.append(tag)
            out.append([TAGS[j] for j in reversed(path)])
        return out

    def tag_batch(self, sents: list[list[str]], tokens_per_batch: int = 6000,
                  flags: list[list[int]] | None = None) -> list[list[str]]:
        """BIO tags for many tokenized sentences at once: sentences sorted by length and cut into batches of
        about `tokens_per_batch` tokens, so one LSTM step serves many sentences and little is padding. The
        sentences of many documents tagged in one call run twice as fast as one call per document."""
        order = sorted((i for i in range(len(sents)) if sents[i]), key=lambda i: len(sents[i]))
        out: list[list[str]] = [[] for _ in sents]
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and len(sents[order[end]]) * (end - start + 1) <= tokens_per_batch:
                end += 1
            idx = order[start:end]
            em, lengths = self._emissions([sents[j] for j in idx],
                                          [flags[j] for j in idx] if flags is not None else None)
            for j, tags in zip(idx, self._viterbi(em, lengths)):
                out[j] = tags
            start = end
        return out


@lru_cache(maxsize=1)
def default_tagger() -> NumpyTagger:
    """The shipped tagger (marsad/models/ner.npz), loaded once per process."""
    with resources.files("marsad.models").joinpath("ner.npz").open("rb") as fh, np.load(fh) as z:
        return NumpyTagger({k: z[k] for k in z.files})
