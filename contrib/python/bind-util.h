// SPDX-License-Identifier: GPL-2.0-only

#ifndef PLANET_PYTHON_BIND_UTIL_H
#define PLANET_PYTHON_BIND_UTIL_H

#include <pybind11/pybind11.h>
#include <string>

/**
 * \file
 * \ingroup planet
 * Small helpers shared by the bindings of plain value types.
 */

namespace planet::python
{

/**
 * \brief Give a bound value type a constructor taking its fields as keywords:
 * `LeafSpineShape(leaves=2, spines=3)`; fields not given keep their C++ defaults.
 *
 * Define the fields (def_readwrite) on the class too; an unknown keyword raises ValueError
 * naming it, a value of the wrong type or out of the field's range (a negative count) a
 * one-line TypeError naming the field.
 */
template <class T>
void
KeywordInit(pybind11::class_<T>& cls)
{
    namespace py = pybind11;
    cls.def(py::init([](const py::kwargs& fields) {
        py::object self = py::cast(T{});
        for (const auto& [key, value] : fields)
        {
            const std::string name = py::str(key);
            if (!py::hasattr(py::type::of(self), name.c_str()) || name.rfind('_', 0) == 0)
            {
                throw py::value_error("unknown field '" + name + "'");
            }
            try
            {
                self.attr(name.c_str()) = value;
            }
            catch (const py::error_already_set& e)
            {
                if (!e.matches(PyExc_TypeError))
                {
                    throw;
                }
                // pybind11's own message lists overloads over several lines: one line instead.
                const std::string expects =
                    py::str(py::type::of(self.attr(name.c_str())).attr("__name__"));
                throw py::type_error("field '" + name + "': cannot use " +
                                     std::string(py::repr(value)) + " (expects " + expects +
                                     " in the field's range)");
            }
        }
        return self.cast<T>();
    }));
}

/**
 * \brief `repr()` of a bound value type: its class name and every field (property) with its
 * value.
 */
template <class T>
void
FieldRepr(pybind11::class_<T>& cls)
{
    namespace py = pybind11;
    cls.def("__repr__", [](const py::object& self) {
        const py::object type = py::type::of(self);
        const py::object property = py::module_::import("builtins").attr("property");
        std::string text = py::str(type.attr("__name__"));
        std::string fields;
        for (const auto& [key, value] : py::dict(type.attr("__dict__")))
        {
            if (py::isinstance(value, property))
            {
                const std::string name = py::str(key);
                fields += (fields.empty() ? "" : ", ") + name + "=" +
                          std::string(py::repr(self.attr(name.c_str())));
            }
        }
        return text + "(" + fields + ")";
    });
}

/**
 * \brief The object after its Validate(): the fields of a bound value type are writable from
 * Python, so every method that relies on them checks them first (ValueError naming the field).
 */
template <class T>
const T&
Valid(const T& value)
{
    value.Validate();
    return value;
}

} // namespace planet::python

#endif /* PLANET_PYTHON_BIND_UTIL_H */
