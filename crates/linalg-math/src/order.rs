//! One stable sort for the whole crate. Every `sort_by` with its own closure makes the compiler emit a
//! complete copy of the standard library's sort (about 3–8 KiB of WebAssembly each); here the sorting
//! itself is a single non-generic merge sort of positions, and each call site adds only a small
//! comparison closure. Stable, O(n log n), results identical to `slice::sort_by`.

use std::cmp::Ordering;

/// Sorts `v` stably by `compare`, like [`slice::sort_by`].
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items = &*v;
        stable_order(items.len(), &mut |i, j| compare(&items[i], &items[j]) == Ordering::Greater)
    };
    permute(v, order);
}

/// Sorts `v` stably by the key `key` returns, like [`slice::sort_by_key`].
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)))
}

/// The positions 0..n in stably sorted order, where `after(i, j)` says that item i belongs after
/// item j: a bottom-up merge sort (runs of 8 sorted by insertion first).
fn stable_order(n: usize, after: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    const RUN: usize = 8;
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut k = i;
            while k > start && after(a[k - 1], a[k]) {
                a.swap(k - 1, k);
                k -= 1;
            }
        }
    }
    let mut b = vec![0; n];
    let mut width = RUN;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut b[start..end] {
                // Take from the right run only when the left one's item belongs after it: stable.
                if j < end && (i >= mid || after(a[i], a[j])) {
                    *slot = a[j];
                    j += 1;
                } else {
                    *slot = a[i];
                    i += 1;
                }
            }
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Rearranges `v` so that its item k is the old item `order[k]` (following the permutation's cycles).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != start {
            let next = order[k];
            v.swap(k, next);
            order[k] = k;
            k = next;
        }
        order[k] = k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_library(keys in proptest::collection::vec(0u8..12, 0..200)) {
            // Pairs (key, original position): stability shows in the positions.
            let mut ours: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std = ours.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn floats_by_total_order_and_keys() {
        let mut v = vec![3.0, -1.0, f64::NAN, 0.0, -0.0, 2.5];
        sort_by(&mut v, |a, b| b.total_cmp(a));
        assert!(v[0].is_nan() && v[1..] == [3.0, 2.5, 0.0, -0.0, -1.0]);
        let mut w = vec![(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd')];
        sort_by_key(&mut w, |p| p.0 != 0);
        assert_eq!(w, [(0, 'b'), (0, 'd'), (1, 'a'), (1, 'c')]);
    }
}
