//! 2.6 Special kinds of matrices: diagonal, symmetric and orthogonal, with live checks (column
//! lengths, the columns' dot product, AᵀA − I, Aᵀ against A⁻¹) and a rotation or reflection built from
//! an angle in degrees. The checks come from `math::structure`, the lengths from `math::norms`.

mod figure;
mod readouts;
#[cfg(test)]
mod tests;
mod text;

use crate::chapter::figure::plane;
use crate::chapter::handle::column_handles;
use crate::chapter::{Chapter, ChapterError, ChoiceSpec, Handles, InputSpec, Options};
use crate::format::display_shape;
use crate::math::det::determinant;
use crate::math::solve::{inverse, InverseError};
use crate::math::structure::rotation_or_reflection;
use crate::math::{wrap, NumericError};
use nalgebra::DMatrix;

crate::options! {
    /// The orientation choice: it shows the sign of det A, and picking the other option rebuilds A
    /// from the angle as a rotation or a reflection.
    pub enum Kind {
        /// det A > 0 (or A not square).
        Rotation = ("rotation", "rotation (det > 0)"),
        /// det A < 0.
        Reflection = ("reflection", "reflection (det < 0)"),
    }
}

/// The page state: the matrix, and the angle (degrees) of its first column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpecialMatrices {
    a: DMatrix<f64>,
    deg: f64,
}

/// A new A. When it changed, the angle follows its first column.
fn set_a(s: &mut SpecialMatrices, a: DMatrix<f64>) -> Result<(), ChapterError> {
    let changed = a != s.a;
    s.a = a;
    if changed {
        s.follow_angle();
    }
    Ok(())
}

/// A new angle: A is rebuilt from it, keeping its orientation (rotation or reflection).
fn set_deg(s: &mut SpecialMatrices, deg: f64) -> Result<(), ChapterError> {
    let reflection = s.reflection();
    s.deg = deg;
    s.a = rotation_or_reflection(deg, reflection);
    Ok(())
}

/// `angle` reduced to (−180°, 180°].
fn wrap_degrees(angle: f64) -> f64 {
    let r = wrap(angle + 180.0, 360.0) - 180.0;
    if r == -180.0 {
        180.0
    } else {
        r
    }
}

impl SpecialMatrices {
    /// Whether A flips orientation: square with det A < 0 (its sign, even when det over- or underflows).
    fn reflection(&self) -> bool {
        self.a.is_square() && determinant(&self.a).sign() < 0
    }

    fn kind(&self) -> Kind {
        if self.reflection() {
            Kind::Reflection
        } else {
            Kind::Rotation
        }
    }

    /// After A changed: the angle of its first column, unless the current angle already points there
    /// (so a typed 50 or 2864.79 stays as typed).
    fn follow_angle(&mut self) {
        let Some(p) = plane(&self.a) else { return };
        let (x, y) = (p[(0, 0)], p[(1, 0)]);
        if x == 0.0 && y == 0.0 {
            return;
        }
        let angle = y.atan2(x).to_degrees();
        if wrap_degrees(angle - self.deg).abs() > 1e-9 {
            self.deg = angle;
        }
    }

    /// A⁻¹ when A is square and of full rank by the SVD (numpy's tolerance), or why not
    /// (`math::solve::inverse`: LU on a scaled copy, checked).
    fn inverse(&self) -> Result<DMatrix<f64>, String> {
        if !self.a.is_square() {
            return Err(format!("A is {}: only a square matrix can have an inverse", display_shape(&self.a)));
        }
        inverse(&self.a).map_err(|e| match e {
            InverseError::Singular { .. } => "A is singular (its columns are dependent): no inverse".to_string(),
            InverseError::Numeric(NumericError::Overflow) => "the inverse is too large for a 64-bit float (overflow)".to_string(),
            InverseError::Numeric(e) => e.to_string(),
            InverseError::Inaccurate => "A is too close to singular for an accurate inverse".to_string(),
        })
    }

    /// "false: A is 4×3, …": why a non-square A fails a check for square matrices.
    fn square_note(&self) -> String {
        format!("false: A is {}, and only a square matrix can be", display_shape(&self.a))
    }
}

impl Chapter for SpecialMatrices {
    // The angle first: loading a link applies it (building a rotation), then A as linked. The notebook's
    // orthogonal matrix [[cos 50, −sin 50], [sin 50, cos 50]], with 50 meant as degrees (the notebook's
    // numpy call reads it as radians; the page explains the difference).
    const INPUTS: &'static [InputSpec<Self>] = &[
        InputSpec::scalar("deg", "50", |s: &SpecialMatrices| Some(s.deg), set_deg).slider(-180.0, 180.0, 1.0),
        // The columns live near the unit circle: rounding them to the integer lattice would turn a
        // rotation into (1, 1) on the first drag.
        InputSpec::matrix(
            "A",
            "0.6427876096865394,-0.766044443118978;0.766044443118978,0.6427876096865394",
            |s: &SpecialMatrices| Some(&s.a),
            set_a,
        )
        .free(),
    ];
    const CHOICES: &'static [ChoiceSpec<Self>] = &[ChoiceSpec {
        name: "kind",
        label: "Build from the angle",
        get: |s| Some(s.kind().picked()),
        set: |s, text| {
            // Picking the current orientation changes nothing, so a link with A and kind reproduces A
            // exactly; picking the other one rebuilds A from the angle.
            let kind = Kind::parse(text)?;
            if kind != s.kind() {
                s.a = rotation_or_reflection(s.deg, kind == Kind::Reflection);
            }
            Ok(())
        },
    }];
    const PROSE: &'static str = include_str!("prose.html");

    fn handles(&self) -> Handles {
        Handles::Plane(column_handles(&self.a, "A"))
    }
}
