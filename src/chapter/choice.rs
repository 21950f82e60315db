//! Choices: a chapter's views (and orders, tabs…) as enums behind one generic type. An enum made
//! with [`options!`] knows its link values and labels; a [`ChoiceSpec`] connects it to the state.

use super::error::ChapterError;

/// A set of options as an enum: each variant has a value for the link and a label for the page.
pub trait Options: Copy + PartialEq + Sized + 'static {
    /// Every variant, the default first.
    const ALL: &'static [Self];
    /// (link value, label) of each variant, in the order of [`Options::ALL`].
    const OPTIONS: &'static [(&'static str, &'static str)];

    /// The value this option has in the link.
    fn key(self) -> &'static str {
        let i = Self::ALL.iter().position(|o| *o == self).unwrap_or(0);
        Self::OPTIONS[i].0
    }

    /// The option whose link value is `text`, or an error listing the valid ones.
    fn parse(text: &str) -> Result<Self, ChapterError> {
        pick(Self::OPTIONS, text).map(|i| Self::ALL[i])
    }

    /// This option as the current pick among all of them.
    fn picked(self) -> Picked {
        Picked { options: Self::OPTIONS, current: self.key() }
    }
}

/// The index of the option whose value is `text` among `options`, or an error listing them.
pub fn pick(options: &[(&'static str, &'static str)], text: &str) -> Result<usize, ChapterError> {
    options
        .iter()
        .position(|(key, _)| *key == text)
        .ok_or_else(|| ChapterError::NotAnOption { value: text.to_string(), options: options.iter().map(|(key, _)| *key).collect() })
}

/// Declares an enum of options with their link values and labels, the first being the default:
///
/// ```
/// linalg_live::options! {
///     /// What the figure shows.
///     pub enum View { Map = ("map", "A maps the plane"), Form = ("quadratic", "The form xᵀAx") }
/// }
/// use linalg_live::chapter::Options;
/// assert_eq!(View::parse("quadratic").unwrap().key(), "quadratic");
/// assert_eq!(View::default(), View::Map);
/// ```
#[macro_export]
macro_rules! options {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = ($key:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $crate::chapter::Options for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            const OPTIONS: &'static [(&'static str, &'static str)] = &[$(($key, $label)),+];
        }

        impl Default for $name {
            fn default() -> Self {
                <Self as $crate::chapter::Options>::ALL[0]
            }
        }
    };
}

/// A [`ChoiceSpec`] for a field of the state that holds an [`Options`] enum:
/// `choice!("view", "Figure", view: View)`; a choice that exists only in some states adds a
/// condition on the state: `choice!("order", "Order", order: Order, if s => s.view == View::Ab)`.
#[macro_export]
macro_rules! choice {
    ($name:literal, $label:literal, $field:ident : $ty:ty) => {
        $crate::choice!($name, $label, $field: $ty, if _s => true)
    };
    ($name:literal, $label:literal, $field:ident : $ty:ty, if $s:ident => $exists:expr) => {
        $crate::chapter::ChoiceSpec {
            name: $name,
            label: $label,
            get: |$s| ($exists).then(|| $crate::chapter::Options::picked($s.$field)),
            set: |s, text| <$ty as $crate::chapter::Options>::parse(text).map(|pick| s.$field = pick),
        }
    };
}

/// The options a choice offers now and the one picked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picked {
    /// (link value, label) pairs; the first is the default.
    pub options: &'static [(&'static str, &'static str)],
    /// The picked option's link value.
    pub current: &'static str,
}

/// A choice of a chapter whose state is `S`: the figure's view, an order, a tab.
pub struct ChoiceSpec<S> {
    /// The URL parameter, e.g. `view`.
    pub name: &'static str,
    /// What the control is called on the page.
    pub label: &'static str,
    /// The options offered and the one picked; `None` while the choice does not exist (`order` exists
    /// only with `view=ab`).
    pub get: fn(&S) -> Option<Picked>,
    /// Picks the option with this link value; `Err` (state unchanged) for an unknown value.
    pub set: fn(&mut S, &str) -> Result<(), ChapterError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::options! {
        /// A test set.
        enum Order { Ab = ("ab", "A then B"), Ba = ("ba", "B then A") }
    }

    #[test]
    fn options_know_their_keys_and_refuse_others_with_a_list() {
        assert_eq!(Order::default(), Order::Ab);
        assert_eq!(Order::Ba.key(), "ba");
        assert_eq!(Order::parse("ba"), Ok(Order::Ba));
        assert_eq!(Order::parse("nope").unwrap_err().to_string(), "“nope” is not one of ab, ba");
        assert_eq!(Order::Ba.picked().current, "ba");
        assert_eq!(Order::Ab.picked().options[1].1, "B then A");
    }
}
